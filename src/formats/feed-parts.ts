// Pieces RSS and Atom write the same way: the Media RSS lead image, and which optional namespaces
// a document needs (each is declared only where it is used).
import type { Feed, FeedItem } from "../model.js";
import { addElement, addTextElement, type XmlElement, type XmlPrefix } from "./xml-document.js";

/**
 * media:content (medium="image", with the caption as its media:title) and media:thumbnail, for an
 * image with a URL. Not media:description: feedparser (and rss2email, feed2exec and every reader
 * built on it) reads any media:description as the item's own description, so a caption there
 * becomes what they show as the item's summary.
 */
export function addLeadImage(parent: XmlElement, item: FeedItem): void {
  const image = item.image;
  if (image?.url === undefined) return;
  const size: Record<string, string> = {};
  if (image.width !== undefined) size.width = String(image.width);
  if (image.height !== undefined) size.height = String(image.height);
  const content = addElement(parent, "media:content", {
    url: image.url,
    medium: "image",
    ...(image.type === undefined ? {} : { type: image.type }),
    ...size,
  });
  const caption = image.caption ?? image.alt;
  if (caption !== undefined) addTextElement(content, "media:title", caption, { type: "plain" });
  addElement(parent, "media:thumbnail", { url: image.url, ...size });
}

/** The optional namespaces this feed's document uses. */
export function optionalNamespaces(feed: Feed): XmlPrefix[] {
  const prefixes: XmlPrefix[] = [];
  if (feed.archive) prefixes.push("fh");
  if (feed.items.some((item) => item.image?.url !== undefined)) prefixes.push("media");
  return prefixes;
}
