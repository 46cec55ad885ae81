// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), built from typed wire objects. An
// episode's media file is its one attachment (url, mime_type, size_in_bytes, duration_in_seconds).
import type { Author, Feed, FeedItem } from "../model.js";
import { formatRfc3339 } from "./dates.js";

export const jsonFeedMediaType = "application/feed+json; charset=utf-8";

interface JsonFeedAuthor {
  name: string;
  url?: string;
}

interface JsonFeedAttachment {
  url: string;
  mime_type: string;
  size_in_bytes: number;
  duration_in_seconds?: number;
}

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary?: string;
  image?: string;
  date_published: string;
  date_modified: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
  language?: string;
  attachments?: JsonFeedAttachment[];
}

interface JsonFeedDocument {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  icon?: string;
  next_url?: string;
  language: string;
  authors: JsonFeedAuthor[];
  hubs?: Array<{ type: "WebSub"; url: string }>;
  items: JsonFeedItem[];
}

function toJsonAuthor(author: Author): JsonFeedAuthor {
  const url = author.url ?? (author.email === undefined ? undefined : `mailto:${author.email}`);
  return url === undefined ? { name: author.name } : { name: author.name, url };
}

function toJsonItem(item: FeedItem): JsonFeedItem {
  const wire: JsonFeedItem = {
    id: item.id,
    url: item.url,
    title: item.title,
    content_html: item.contentHtml,
    date_published: formatRfc3339(item.published),
    date_modified: formatRfc3339(item.updated),
  };
  if (item.summary !== undefined) wire.summary = item.summary;
  if (item.image?.url !== undefined) wire.image = item.image.url;
  if (item.authors.length > 0) wire.authors = item.authors.map(toJsonAuthor);
  if (item.tags.length > 0) wire.tags = item.tags;
  if (item.language !== undefined) wire.language = item.language;
  const enclosure = item.episode?.enclosure;
  if (enclosure !== undefined) {
    const attachment: JsonFeedAttachment = {
      url: enclosure.url,
      mime_type: enclosure.type,
      size_in_bytes: enclosure.length,
    };
    if (enclosure.durationSeconds !== undefined)
      attachment.duration_in_seconds = enclosure.durationSeconds;
    wire.attachments = [attachment];
  }
  return wire;
}

/** Renders a feed as JSON Feed 1.1. Pure: the same Feed always gives the same text. */
export function renderJsonFeed(feed: Feed): string {
  const document: JsonFeedDocument = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.links.home,
    feed_url: feed.links.json,
    description: feed.description,
    language: feed.language,
    authors: feed.authors.map(toJsonAuthor),
    items: feed.items.map(toJsonItem),
  };
  if (feed.icon !== undefined) document.icon = feed.icon;
  if (feed.next !== undefined) document.next_url = feed.next.json;
  if (feed.hubs.length > 0) document.hubs = feed.hubs.map((url) => ({ type: "WebSub", url }));
  return `${JSON.stringify(document, null, 2)}\n`;
}
