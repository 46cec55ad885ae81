// A strict XML parser for tests (libxml2): anything not well-formed throws.
import { XmlDocument } from "libxml2-wasm";

export const feedNamespaces = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  fh: "http://purl.org/syndication/history/1.0",
  itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd",
  media: "http://search.yahoo.com/mrss/",
  podcast: "https://podcastindex.org/namespace/1.0",
  at: "http://purl.org/atompub/tombstones/1.0",
  s: "http://www.sitemaps.org/schemas/sitemap/0.9",
  news: "http://www.google.com/schemas/sitemap-news/0.9",
};

/** Parses strictly and returns the text content of every node the XPath selects. */
export function xmlTexts(xml: string, xpath: string): string[] {
  const document = XmlDocument.fromString(xml);
  try {
    return document.find(xpath, feedNamespaces).map((node) => node.content);
  } finally {
    document.dispose();
  }
}

/** Throws unless the text is well-formed XML. */
export function assertWellFormed(xml: string): void {
  XmlDocument.fromString(xml).dispose();
}
