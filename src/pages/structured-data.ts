// What an article page tells search engines and social sites about itself: schema.org
// NewsArticle as JSON-LD, Open Graph and Twitter card tags. Made from the article's feed item, so
// the page says what the feeds say (the same title, dates and image).
import { formatRfc3339 } from "../formats/dates.js";
import type { Correction, FeedItem } from "../model.js";
import { html, SafeHtml } from "./html.js";

export interface PagePublisher {
  name: string;
  url?: string;
  /** Absolute URL of the publisher's logo (site.json `icon`). */
  logoUrl?: string;
}

/**
 * schema.org NewsArticle for one item; with no author, the publisher (never an invented person).
 * Each correction the page shows is a CorrectionComment, oldest first.
 */
export function newsArticleData(
  item: FeedItem,
  publisher: PagePublisher,
  accessibleForFree: boolean,
  corrections: readonly Correction[] = [],
): Record<string, unknown> {
  const organization = {
    "@type": "Organization",
    name: publisher.name,
    ...(publisher.url === undefined ? {} : { url: publisher.url }),
    ...(publisher.logoUrl === undefined
      ? {}
      : { logo: { "@type": "ImageObject", url: publisher.logoUrl } }),
  };
  const image = item.image;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: item.title,
    ...(item.summary === undefined ? {} : { description: item.summary }),
    datePublished: formatRfc3339(item.published),
    dateModified: formatRfc3339(item.updated),
    author:
      item.authors.length === 0
        ? [organization]
        : item.authors.map((author) => ({
            "@type": "Person",
            name: author.name,
            ...(author.url === undefined ? {} : { url: author.url }),
          })),
    ...(image?.url === undefined
      ? {}
      : {
          image: [
            {
              "@type": "ImageObject",
              url: image.url,
              ...(image.width === undefined ? {} : { width: image.width }),
              ...(image.height === undefined ? {} : { height: image.height }),
            },
          ],
        }),
    publisher: organization,
    isAccessibleForFree: accessibleForFree,
    mainEntityOfPage: { "@type": "WebPage", "@id": item.url },
    ...(item.language === undefined ? {} : { inLanguage: item.language }),
    ...(item.tags.length === 0 ? {} : { keywords: item.tags }),
    ...(corrections.length === 0
      ? {}
      : {
          correction: corrections.map((correction) => ({
            "@type": "CorrectionComment",
            text: correction.text,
            datePublished: formatRfc3339(correction.date),
          })),
        }),
  };
}

/**
 * JSON inside <script type="application/ld+json">: "<" is written \u003c so no text can close the
 * element or open a comment. The data block is never executed, so the strict CSP is untouched.
 */
export function jsonLdScript(data: Record<string, unknown>): SafeHtml {
  const json = new SafeHtml(JSON.stringify(data).replaceAll("<", "\\u003c"));
  return html`<script type="application/ld+json">${json}</script>`;
}

/** Open Graph and Twitter card tags for an article page. */
export function socialMetaTags(item: FeedItem, siteTitle: string, locale: string): SafeHtml {
  const image = item.image?.url === undefined ? undefined : item.image;
  const tags: [string, string, string | number | undefined][] = [
    ["property", "og:type", "article"],
    ["property", "og:site_name", siteTitle],
    ["property", "og:title", item.title],
    ["property", "og:url", item.url],
    ["property", "og:description", item.summary],
    ["property", "og:locale", locale.replace("-", "_")],
    ["property", "og:image", image?.url],
    ["property", "og:image:width", image?.width],
    ["property", "og:image:height", image?.height],
    ["property", "og:image:alt", image?.alt ?? image?.caption],
    ["property", "article:published_time", formatRfc3339(item.published)],
    ["property", "article:modified_time", formatRfc3339(item.updated)],
    ...item.tags.map((tag): [string, string, string] => ["property", "article:tag", tag]),
    ["name", "twitter:card", image === undefined ? "summary" : "summary_large_image"],
    ["name", "twitter:title", item.title],
    ["name", "twitter:description", item.summary],
    ["name", "twitter:image", image?.url],
  ];
  return html`${tags
    .filter(([, , value]) => value !== undefined)
    .map(([attribute, key, value]) => html`<meta ${attribute}="${key}" content="${value}">\n`)}`;
}
