// The items the server serves at a feed URL, read exactly (libxml2), with what the matrix
// compares readers against: dates, authors, content and enclosures.
import { XmlDocument } from "libxml2-wasm";
import { DateTime } from "luxon";
import { readExactly } from "../feed-readers.js";
import { feedNamespaces } from "../xml.js";

export interface ServedItem {
  format: "rss" | "atom";
  id: string;
  url: string;
  /** The title as typed (RSS writes its markup-like text HTML-escaped; this undoes that). */
  title: string;
  /** The title element's text as an XML parser gives it, for readers that show it as it is. */
  titleText: string;
  summary: string | undefined;
  content: string | undefined;
  published: number;
  /** atom:updated (in Atom, and in RSS where the item carries one), when it differs or not. */
  updated: number | undefined;
  authors: string[];
  enclosure: string | undefined;
}

function instant(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const date = DateTime.fromISO(text).isValid ? DateTime.fromISO(text) : DateTime.fromRFC2822(text);
  return date.isValid ? date.toMillis() : undefined;
}

/** The served items of an RSS or Atom document, in document order. */
export function servedItems(format: "rss" | "atom", xml: string): ServedItem[] {
  const exact = readExactly(format, xml);
  const document = XmlDocument.fromString(xml);
  try {
    const nodes =
      format === "rss"
        ? document.find("/rss/channel/item")
        : document.find("/atom:feed/atom:entry", feedNamespaces);
    return exact.map((item, index) => {
      const node = nodes[index];
      const text = (xpath: string) => node?.get(xpath, feedNamespaces)?.content;
      return {
        format,
        id: item.id ?? "",
        url: item.url ?? "",
        title: item.title ?? "",
        titleText: text(format === "rss" ? "title" : "atom:title") ?? "",
        summary: item.summary,
        content: item.content,
        published: item.published ?? Number.NaN,
        updated: instant(text("atom:updated")),
        authors: item.authors,
        enclosure:
          format === "rss" ? text("enclosure/@url") : text("atom:link[@rel='enclosure']/@href"),
      };
    });
  } finally {
    document.dispose();
  }
}

/** The text of the first paragraph of an HTML body, tags removed and whitespace collapsed. */
export function firstParagraphText(html: string | undefined): string | undefined {
  const paragraph = /<p>([\s\S]*?)<\/p>/.exec(html ?? "")?.[1];
  return paragraph
    ?.replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * HTML with each tag's attributes in name order and void tags written `<tag ...>`: feedparser's
 * sanitizer writes tags again that way round, which changes no meaning.
 */
export function withSortedAttributes(html: string): string {
  return html.replace(
    /<([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g,
    (_, name: string, attributes: string) => {
      const sorted = (attributes.match(/[\w:-]+="[^"]*"/g) ?? []).sort();
      return `<${name}${sorted.map((attribute) => ` ${attribute}`).join("")}>`;
    },
  );
}
