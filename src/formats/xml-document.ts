// The one way wirefeed makes XML: xmlbuilder2, fed only through addElement/addTextElement, which
// never pass it a character XML 1.0 forbids. (Text is already cleaned where it enters the store;
// this is the second line of defence. It is done here rather than with xmlbuilder2's own
// invalidCharReplacement option, which costs 35 ms more per 280 KB feed.)
import { create } from "xmlbuilder2";
import { cleanText } from "../xml-text.js";

export type XMLBuilder = ReturnType<typeof create>;

/** The namespaces wirefeed writes, by the prefix it always gives them. */
export const xmlNamespaces = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  fh: "http://purl.org/syndication/history/1.0",
  /** Apple's podcast namespace, spelled exactly so (Apple matches it case-sensitively). */
  itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd",
  media: "http://search.yahoo.com/mrss/",
  podcast: "https://podcastindex.org/namespace/1.0",
  /** RFC 6721 tombstones (at:deleted-entry). */
  at: "http://purl.org/atompub/tombstones/1.0",
  /** Google's News sitemap extension. */
  news: "http://www.google.com/schemas/sitemap-news/0.9",
} as const;

export type XmlPrefix = keyof typeof xmlNamespaces;

/** A new UTF-8 document. */
export function createXmlDocument(): XMLBuilder {
  return create({ version: "1.0", encoding: "UTF-8" });
}

/** Serializes a document, indented, ending with a newline. */
export function serializeXml(document: XMLBuilder): string {
  return `${document.end({ prettyPrint: true, indent: "  " })}\n`;
}

/**
 * Every text and attribute value goes through here. Characters XML forbids are dropped. And
 * xmlbuilder2 does not escape "&" when it begins something that looks like an entity reference
 * ("&nbsp;", "&#1;"), so such article text would come out as an undefined entity or a forbidden
 * character: escaping every "&" first (which the builder then leaves alone) makes the output
 * mean exactly the text.
 */
function xmlValue(text: string): string {
  return cleanText(text).replaceAll("&", "&amp;");
}

function namespaceOf(qualifiedName: string): string | undefined {
  const colon = qualifiedName.indexOf(":");
  if (colon < 0) return undefined;
  const prefix = qualifiedName.slice(0, colon);
  if (prefix === "xml" || prefix === "xmlns") return undefined;
  const namespace = xmlNamespaces[prefix as XmlPrefix];
  if (namespace === undefined) throw new Error(`xml: unknown namespace prefix "${prefix}"`);
  return namespace;
}

/**
 * Appends an element. A prefixed name ("content:encoded") gets its namespace from xmlNamespaces;
 * an unprefixed one inherits its parent's default namespace.
 */
export function addElement(
  parent: XMLBuilder,
  name: string,
  attributes: Record<string, string> = {},
): XMLBuilder {
  const escaped = Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => [key, xmlValue(value)]),
  );
  const namespace = namespaceOf(name);
  return namespace === undefined ? parent.ele(name, escaped) : parent.ele(namespace, name, escaped);
}

/** Appends an element holding text. */
export function addTextElement(
  parent: XMLBuilder,
  name: string,
  text: string,
  attributes: Record<string, string> = {},
): XMLBuilder {
  return addElement(parent, name, attributes).txt(xmlValue(text));
}

/** The xmlns:prefix declarations for a root element. */
export function namespaceDeclarations(...prefixes: XmlPrefix[]): Record<string, string> {
  return Object.fromEntries(prefixes.map((prefix) => [`xmlns:${prefix}`, xmlNamespaces[prefix]]));
}
