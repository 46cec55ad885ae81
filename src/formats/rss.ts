// RSS 2.0 with content:encoded (full text), dc:creator (author names) and atom:link rel="self".
import type { Feed, FeedItem } from "../model.js";
import { formatRfc822 } from "./dates.js";
import { addLeadImage, optionalNamespaces } from "./feed-parts.js";
import {
  addElement,
  addTextElement,
  createXmlDocument,
  namespaceDeclarations,
  serializeXml,
  type XMLBuilder,
} from "./xml-document.js";

export const rssMediaType = "application/rss+xml; charset=utf-8";

function addItem(channel: XMLBuilder, item: FeedItem): void {
  const element = addElement(channel, "item");
  addTextElement(element, "title", item.title);
  addTextElement(element, "link", item.url);
  addTextElement(element, "guid", item.id, { isPermaLink: "false" });
  addTextElement(element, "pubDate", formatRfc822(item.published));
  if (item.summary !== undefined) addTextElement(element, "description", item.summary);
  addTextElement(element, "content:encoded", item.contentHtml);
  for (const author of item.authors) addTextElement(element, "dc:creator", author.name);
  for (const tag of item.tags) addTextElement(element, "category", tag);
  addLeadImage(element, item);
}

/** Renders a feed as RSS 2.0. Pure: the same Feed always gives the same text. */
export function renderRss(feed: Feed): string {
  const document = createXmlDocument();
  const rss = addElement(document, "rss", {
    version: "2.0",
    ...namespaceDeclarations("atom", "content", "dc", ...optionalNamespaces(feed)),
  });
  const channel = addElement(rss, "channel");
  addTextElement(channel, "title", feed.title);
  addTextElement(channel, "link", feed.links.home);
  addTextElement(channel, "description", feed.description);
  addElement(channel, "atom:link", {
    href: feed.links.rss,
    rel: "self",
    type: "application/rss+xml",
  });
  for (const hub of feed.hubs) addElement(channel, "atom:link", { href: hub, rel: "hub" });
  for (const relation of feed.relations) {
    addElement(channel, "atom:link", {
      href: relation.href.rss,
      rel: relation.rel,
      type: "application/rss+xml",
    });
  }
  if (feed.archive) addElement(channel, "fh:archive");
  addTextElement(channel, "language", feed.language);
  addTextElement(channel, "lastBuildDate", formatRfc822(feed.updated));
  addTextElement(channel, "generator", "wirefeed");
  addTextElement(channel, "ttl", String(feed.ttlMinutes));
  if (feed.icon !== undefined) {
    const image = addElement(channel, "image");
    addTextElement(image, "url", feed.icon);
    addTextElement(image, "title", feed.title);
    addTextElement(image, "link", feed.links.home);
  }
  for (const item of feed.items) addItem(channel, item);
  return serializeXml(document);
}
