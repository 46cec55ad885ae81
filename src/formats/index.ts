// The one registry of feed formats: each has a file name, a media type and a pure renderer.
import type { Feed, FeedLinks } from "../model.js";
import { atomMediaType, renderAtom } from "./atom.js";
import { jsonFeedMediaType, renderJsonFeed } from "./jsonfeed.js";
import { renderRss, rssMediaType } from "./rss.js";

export type FeedFormatName = "rss" | "atom" | "json";

/** File names of the three representations inside a feed's folder. */
export const feedFileNames: Readonly<Record<FeedFormatName, string>> = {
  rss: "rss.xml",
  atom: "atom.xml",
  json: "feed.json",
};

export interface FeedFormat {
  name: FeedFormatName;
  /** Name of the feed file under its feed's folder: /rss.xml, /tags/x/atom.xml ... */
  fileName: string;
  /** Content-Type, with charset. */
  mediaType: string;
  /** Human name, used in autodiscovery titles. */
  label: string;
  render(feed: Feed): string;
  /** The feed's own URL in this format. */
  selfUrl(links: FeedLinks): string;
}

export const feedFormats: readonly FeedFormat[] = [
  {
    name: "rss",
    fileName: feedFileNames.rss,
    mediaType: rssMediaType,
    label: "RSS",
    render: renderRss,
    selfUrl: (l) => l.rss,
  },
  {
    name: "atom",
    fileName: feedFileNames.atom,
    mediaType: atomMediaType,
    label: "Atom",
    render: renderAtom,
    selfUrl: (l) => l.atom,
  },
  {
    name: "json",
    fileName: feedFileNames.json,
    mediaType: jsonFeedMediaType,
    label: "JSON Feed",
    render: renderJsonFeed,
    selfUrl: (l) => l.json,
  },
];

/** The format of that name. */
export function feedFormat(name: FeedFormatName): FeedFormat {
  const format = feedFormats.find((candidate) => candidate.name === name);
  if (format === undefined) throw new Error(`no feed format named "${name}"`);
  return format;
}

/** The media type without parameters, as used in <link rel="alternate" type="...">. */
export function bareMediaType(format: FeedFormat): string {
  return format.mediaType.split(";")[0] ?? format.mediaType;
}
