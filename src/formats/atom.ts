// Atom 1.0 (RFC 4287). Entries without their own author fall back to the feed's (the publisher);
// an episode's media file is a link rel="enclosure" with its type and length.
import type { Author, DeletedEntry, Feed, FeedItem } from "../model.js";
import { formatRfc3339 } from "./dates.js";
import { addLeadImage, optionalNamespaces } from "./feed-parts.js";
import { WrittenItems, writtenItemsBytes } from "./written-items.js";
import {
  addElement,
  addTextElement,
  createXmlDocument,
  namespaceDeclarations,
  serializeXml,
  type XmlElement,
  xmlNamespaces,
} from "./xml-document.js";

export const atomMediaType = "application/atom+xml; charset=utf-8";

const writtenItems = new WrittenItems(writtenItemsBytes);

function addAuthor(parent: XmlElement, author: Author): void {
  const element = addElement(parent, "author");
  addTextElement(element, "name", author.name);
  if (author.url !== undefined) addTextElement(element, "uri", author.url);
  if (author.email !== undefined) addTextElement(element, "email", author.email);
}

function addEntry(feedElement: XmlElement, item: FeedItem): void {
  const entry = addElement(feedElement, "entry");
  addTextElement(entry, "id", item.id);
  addTextElement(entry, "title", item.title, { type: "text" });
  addElement(entry, "link", { rel: "alternate", type: "text/html", href: item.url });
  const enclosure = item.episode?.enclosure;
  if (enclosure !== undefined) {
    addElement(entry, "link", {
      rel: "enclosure",
      type: enclosure.type,
      length: String(enclosure.length),
      href: enclosure.url,
    });
  }
  addTextElement(entry, "published", formatRfc3339(item.published));
  addTextElement(entry, "updated", formatRfc3339(item.updated));
  for (const author of item.authors) addAuthor(entry, author);
  for (const tag of item.tags) addElement(entry, "category", { term: tag });
  // An empty body gives no content rather than an empty one; the summary stands alone, or the
  // title for an article with nothing to summarise, so that every entry has some text.
  const summary = item.summary ?? (item.contentHtml === "" ? item.title : undefined);
  if (summary !== undefined) addTextElement(entry, "summary", summary, { type: "text" });
  if (item.contentHtml !== "") addTextElement(entry, "content", item.contentHtml, { type: "html" });
  addLeadImage(entry, item);
}

/** RFC 6721: the removed entry's id, when it was removed, why, and the URL it had. */
function addDeletedEntry(feedElement: XmlElement, deleted: DeletedEntry): void {
  const element = addElement(feedElement, "at:deleted-entry", {
    ref: deleted.ref,
    when: formatRfc3339(deleted.when),
  });
  if (deleted.comment !== undefined)
    // Without type="text" (the default): feedparser keeps the attributes of an element it does
    // not know instead of its text, so with one it loses the reason.
    addTextElement(element, "at:comment", deleted.comment);
  addElement(element, "link", { rel: "alternate", type: "text/html", href: deleted.url });
}

/** Renders a feed as Atom 1.0. Pure: the same Feed always gives the same text. */
export function renderAtom(feed: Feed): string {
  const document = createXmlDocument();
  const root = addElement(document, "feed", {
    xmlns: xmlNamespaces.atom,
    "xml:lang": feed.language,
    ...namespaceDeclarations(
      ...optionalNamespaces(feed),
      ...((feed.deletedEntries?.length ?? 0) > 0 ? (["at"] as const) : []),
    ),
  });
  addTextElement(root, "id", feed.id);
  addTextElement(root, "title", feed.title, { type: "text" });
  addTextElement(root, "subtitle", feed.description, { type: "text" });
  addTextElement(root, "updated", formatRfc3339(feed.updated));
  for (const author of feed.authors) addAuthor(root, author);
  addElement(root, "link", { rel: "self", type: "application/atom+xml", href: feed.links.atom });
  addElement(root, "link", { rel: "alternate", type: "text/html", href: feed.links.home });
  for (const hub of feed.hubs) addElement(root, "link", { rel: "hub", href: hub });
  for (const relation of feed.relations) {
    addElement(root, "link", {
      rel: relation.rel,
      type: "application/atom+xml",
      href: relation.href.atom,
    });
  }
  if (feed.archive) addElement(root, "fh:archive");
  addTextElement(root, "generator", "wirefeed");
  if (feed.icon !== undefined) addTextElement(root, "icon", feed.icon);
  // RFC 4287's grammar puts extension elements before the entries.
  for (const deleted of feed.deletedEntries ?? []) addDeletedEntry(root, deleted);
  for (const item of feed.items)
    writtenItems.add(root, item, "", (holder) => addEntry(holder, item));
  return serializeXml(document);
}
