// The HTML pages of a site: a page is rendered now or on its first request, and taken over when
// its inputs are unchanged; list pages show the newest articles of the site or of a section, or
// every article of a month of the archive.
import { feedLinks, latestChange } from "../../feeds/build-feed.js";
import type { Section } from "../../feeds/catalog.js";
import type { Article } from "../../model.js";
import { renderArticleListPage } from "../../pages/article-list-page.js";
import type { SafeHtml } from "../../pages/html.js";
import type { FeedAlternate } from "../../pages/layout.js";
import type { SiteMetadata } from "../../site/site-metadata.js";
import { absoluteUrl, articlePath } from "../../urls.js";
import { Rendition } from "../rendition.js";
import { feedAlternates } from "./feed-assembly.js";
import { takeOverFromPrevious, unchangedSincePrevious } from "./reuse.js";
import { siteChrome } from "./site-chrome.js";
import { type Build, lastModifiedRule } from "./site-snapshot.js";

export const htmlMediaType = "text/html; charset=utf-8";

/** A page's bytes and the newest date its data shows. */
interface PageContent {
  body: string;
  lastModified: Date;
}

export function addPage(
  build: Build,
  path: string,
  inputs: readonly unknown[],
  render: () => PageContent,
  when: "now" | "on first request",
): void {
  build.touched.add(path);
  if (unchangedSincePrevious(build, path, inputs)) {
    takeOverFromPrevious(build, path);
    return;
  }
  const { site, siteUrl } = build.context;
  const lastModifiedFor = lastModifiedRule(build, path);
  const make = () => {
    const { body, lastModified } = render();
    return new Rendition({
      path,
      mediaType: htmlMediaType,
      maxAgeSeconds: site.maxAgeSeconds,
      kind: "page",
      selfUrl: absoluteUrl(siteUrl, path),
      hubs: [],
      body,
      lastModified: lastModifiedFor(lastModified),
    });
  };
  if (when === "now") build.renditions.set(path, make());
  else build.renditions.setLazy(path, make);
}

export interface Listing {
  heading: string;
  description: string;
  basePath: string;
  /** The articles the page shows, in order. */
  articles: readonly Article[];
  /** What follows the list: links to older articles. */
  after?: SafeHtml;
}

/** A list page; `extraAlternates` follow its own three feeds in its autodiscovery links. */
export function addListPage(
  build: Build,
  listing: Listing,
  extraAlternates: readonly FeedAlternate[],
  when: "now" | "on first request",
): void {
  const { site, siteUrl } = build.context;
  const links = feedLinks(siteUrl, listing.basePath);
  const shown = listing.articles;
  addPage(
    build,
    listing.basePath,
    [
      listing.heading,
      listing.description,
      ...shown,
      ...extraAlternates.map((alternate) => alternate.href),
      listing.after?.text,
    ],
    () => ({
      body: renderArticleListPage(shown, {
        chrome: siteChrome(site, siteUrl),
        heading: listing.heading,
        description: listing.description,
        pageUrl: links.home,
        alternates: [...feedAlternates(links, listing.heading), ...extraAlternates],
        articleUrl: (article) => absoluteUrl(siteUrl, articlePath(article.slug)),
        imageUrl: (article) =>
          article.image?.url === undefined ? undefined : absoluteUrl(siteUrl, article.image.url),
        ...(listing.after === undefined ? {} : { after: listing.after }),
      }),
      lastModified: latestChange(shown).toJSDate(),
    }),
    when,
  );
}

export function sectionListing(section: Section, site: SiteMetadata): Listing {
  const heading = section.kind === "tag" ? `Tag: ${section.name}` : `By ${section.name}`;
  const description =
    section.kind === "tag"
      ? `Articles tagged ${section.name} in ${site.title}`
      : `Articles by ${section.name} in ${site.title}`;
  return {
    heading,
    description,
    basePath: section.basePath,
    articles: section.articles.slice(0, site.feedSize),
  };
}
