// The list of every feed: /feeds/ as an HTML page and /feeds.opml as OPML 2.0.
import type { DateTime } from "luxon";
import { feedLinks } from "../../feeds/build-feed.js";
import type { Section } from "../../feeds/catalog.js";
import { type OpmlOutline, opmlMediaType, renderOpml } from "../../formats/opml.js";
import { copyButtonsPath } from "../../pages/copy-buttons.js";
import { renderFeedsPage } from "../../pages/feeds-page.js";
import type { FeedAlternate } from "../../pages/layout.js";
import { absoluteUrl } from "../../urls.js";
import { Rendition } from "../rendition.js";
import { feedAlternates } from "./feed-assembly.js";
import { addPage, sectionListing } from "./pages.js";
import { takeOverFromPrevious, unchangedSincePrevious } from "./reuse.js";
import { feedsPagePath, siteChrome } from "./site-chrome.js";
import { type Build, lastModifiedRule } from "./site-snapshot.js";

export const opmlPath = "/feeds.opml";

export function addFeedDirectory(
  build: Build,
  sections: readonly Section[],
  latest: DateTime,
  opml: FeedAlternate,
  podcast: OpmlOutline | undefined,
): void {
  const { site, siteUrl } = build.context;
  const listings = [
    { title: site.title, description: site.description, basePath: "/" },
    ...sections.map((section) => {
      const listing = sectionListing(section, site);
      return {
        title: listing.heading,
        description: listing.description,
        basePath: section.basePath,
      };
    }),
  ].map((listing) => ({ ...listing, ...feedLinks(siteUrl, listing.basePath) }));
  const inputs = listings.map((listing) => `${listing.basePath} ${listing.title}`);
  const updated = latest.toJSDate();
  addPage(
    build,
    feedsPagePath,
    inputs,
    () => ({
      body: renderFeedsPage(
        listings.map((listing) => ({ ...listing, pageUrl: listing.home })),
        {
          chrome: siteChrome(site, siteUrl),
          pageUrl: absoluteUrl(siteUrl, feedsPagePath),
          opmlUrl: opml.href,
          alternates: [...feedAlternates(feedLinks(siteUrl, "/"), site.title), opml],
          copyScriptUrl: absoluteUrl(siteUrl, copyButtonsPath),
        },
      ),
      lastModified: updated,
    }),
    "on first request",
  );
  // The OPML carries the date of the newest change too (dateModified), and the podcast.
  const podcastInput =
    podcast === undefined ? "" : `${podcast.xmlUrl} ${podcast.title} ${podcast.description}`;
  build.touched.add(opmlPath);
  if (unchangedSincePrevious(build, opmlPath, [...inputs, updated.getTime(), podcastInput])) {
    takeOverFromPrevious(build, opmlPath);
    return;
  }
  const opmlLastModified = lastModifiedRule(build, opmlPath);
  build.renditions.setLazy(
    opmlPath,
    () =>
      new Rendition({
        path: opmlPath,
        mediaType: opmlMediaType,
        body: renderOpml({
          title: `${site.title}: all feeds`,
          dateModified: latest,
          ownerName: site.publisher.name,
          outlines: [
            ...listings.map((listing) => ({
              title: listing.title,
              description: listing.description,
              xmlUrl: listing.rss,
              htmlUrl: listing.home,
            })),
            ...(podcast === undefined ? [] : [podcast]),
          ],
        }),
        lastModified: opmlLastModified(updated),
        maxAgeSeconds: site.maxAgeSeconds,
        kind: "feed",
        selfUrl: opml.href,
        hubs: [],
      }),
  );
}
