// The namespaces the open validator knows, and the key an element or attribute is looked up by:
// its local name when it has no namespace, "{uri}local" otherwise (prefixes are the author's choice).

export const ns = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  dcterms: "http://purl.org/dc/terms/",
  media: "http://search.yahoo.com/mrss/",
  itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd",
  podcast: "https://podcastindex.org/namespace/1.0",
  fh: "http://purl.org/syndication/history/1.0",
  thr: "http://purl.org/syndication/thread/1.0",
  tombstones: "http://purl.org/atompub/tombstones/1.0",
  xhtml: "http://www.w3.org/1999/xhtml",
  xml: "http://www.w3.org/XML/1998/namespace",
} as const;

/** The prefix used in messages for each known namespace. */
export const usualPrefix: ReadonlyMap<string, string> = new Map([
  [ns.atom, "atom"],
  [ns.content, "content"],
  [ns.dc, "dc"],
  [ns.dcterms, "dcterms"],
  [ns.media, "media"],
  [ns.itunes, "itunes"],
  [ns.podcast, "podcast"],
  [ns.fh, "fh"],
  [ns.thr, "thr"],
  [ns.tombstones, "at"],
  [ns.xhtml, "xhtml"],
]);

export function keyOf(uri: string, local: string): string {
  return uri === "" ? local : `{${uri}}${local}`;
}

/** A readable name for a key: "title", "itunes:image", "{urn:x}thing". */
export function nameOfKey(key: string): string {
  const match = /^\{([^}]*)\}(.*)$/.exec(key);
  if (match === null) return key;
  const prefix = usualPrefix.get(match[1] ?? "");
  return prefix === undefined ? key : `${prefix}:${match[2]}`;
}
