// Atom 1.0 (RFC 4287). Entries without their own author fall back to the feed's (the publisher).
import type { Author, Feed, FeedItem } from "../model.js";
import { formatRfc3339 } from "./dates.js";
import { createXmlDocument, serializeXml, type XMLBuilder } from "./xml-document.js";

const atomNamespace = "http://www.w3.org/2005/Atom";

export const atomMediaType = "application/atom+xml; charset=utf-8";

function addAuthor(parent: XMLBuilder, author: Author): void {
  const element = parent.ele("author");
  element.ele("name").txt(author.name);
  if (author.url !== undefined) element.ele("uri").txt(author.url);
  if (author.email !== undefined) element.ele("email").txt(author.email);
}

function addEntry(feedElement: XMLBuilder, item: FeedItem): void {
  const entry = feedElement.ele("entry");
  entry.ele("id").txt(item.id);
  entry.ele("title", { type: "text" }).txt(item.title);
  entry.ele("link", { rel: "alternate", type: "text/html", href: item.url });
  entry.ele("published").txt(formatRfc3339(item.published));
  entry.ele("updated").txt(formatRfc3339(item.updated));
  for (const author of item.authors) addAuthor(entry, author);
  for (const tag of item.tags) entry.ele("category", { term: tag });
  if (item.summary !== undefined) entry.ele("summary", { type: "text" }).txt(item.summary);
  entry.ele("content", { type: "html" }).txt(item.contentHtml);
}

/** Renders a feed as Atom 1.0. Pure: the same Feed always gives the same text. */
export function renderAtom(feed: Feed): string {
  const document = createXmlDocument();
  const root = document.ele(atomNamespace, "feed", { "xml:lang": feed.language });
  root.ele("id").txt(feed.id);
  root.ele("title", { type: "text" }).txt(feed.title);
  root.ele("subtitle", { type: "text" }).txt(feed.description);
  root.ele("updated").txt(formatRfc3339(feed.updated));
  for (const author of feed.authors) addAuthor(root, author);
  root.ele("link", { rel: "self", type: "application/atom+xml", href: feed.links.atom });
  root.ele("link", { rel: "alternate", type: "text/html", href: feed.links.home });
  root.ele("generator").txt("wirefeed");
  if (feed.icon !== undefined) root.ele("icon").txt(feed.icon);
  for (const item of feed.items) addEntry(root, item);
  return serializeXml(document);
}
