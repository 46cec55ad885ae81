// RSS 2.0 with content:encoded (full text), dc:creator (author names) and atom:link rel="self".
import type { Feed, FeedItem } from "../model.js";
import { formatRfc822 } from "./dates.js";
import { createXmlDocument, serializeXml, type XMLBuilder } from "./xml-document.js";

const namespaces = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
} as const;

export const rssMediaType = "application/rss+xml; charset=utf-8";

function addItem(channel: XMLBuilder, item: FeedItem): void {
  const element = channel.ele("item");
  element.ele("title").txt(item.title);
  element.ele("link").txt(item.url);
  element.ele("guid", { isPermaLink: "false" }).txt(item.id);
  element.ele("pubDate").txt(formatRfc822(item.published));
  if (item.summary !== undefined) element.ele("description").txt(item.summary);
  element.ele(namespaces.content, "content:encoded").txt(item.contentHtml);
  for (const author of item.authors) element.ele(namespaces.dc, "dc:creator").txt(author.name);
  for (const tag of item.tags) element.ele("category").txt(tag);
}

/** Renders a feed as RSS 2.0. Pure: the same Feed always gives the same text. */
export function renderRss(feed: Feed): string {
  const document = createXmlDocument();
  const rss = document.ele("rss", {
    version: "2.0",
    "xmlns:atom": namespaces.atom,
    "xmlns:content": namespaces.content,
    "xmlns:dc": namespaces.dc,
  });
  const channel = rss.ele("channel");
  channel.ele("title").txt(feed.title);
  channel.ele("link").txt(feed.links.home);
  channel.ele("description").txt(feed.description);
  channel.ele(namespaces.atom, "atom:link", {
    href: feed.links.rss,
    rel: "self",
    type: "application/rss+xml",
  });
  channel.ele("language").txt(feed.language);
  channel.ele("lastBuildDate").txt(formatRfc822(feed.updated));
  channel.ele("generator").txt("wirefeed");
  channel.ele("ttl").txt(String(feed.ttlMinutes));
  if (feed.icon !== undefined) {
    const image = channel.ele("image");
    image.ele("url").txt(feed.icon);
    image.ele("title").txt(feed.title);
    image.ele("link").txt(feed.links.home);
  }
  for (const item of feed.items) addItem(channel, item);
  return serializeXml(document);
}
