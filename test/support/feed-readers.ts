// Reads the items of a served feed back with parsers that are not wirefeed's, and says what each
// of them should give for an item: the exact text the renderers were given, passed through that
// parser's own documented normalisation and nothing more.
//
//   exact        libxml2 (RSS, Atom) and JSON.parse (JSON Feed): a conforming reader. The text
//                comes back exactly. (XML itself normalises whitespace in attribute values, XML
//                1.0 section 3.3.3; the one attribute carrying article text is Atom's
//                category/@term.)
//   feedsmith    fast-xml-parser without entity processing, then entities decoded with the
//                `entities` package's decodeHTML (on our output, which only holds &amp; &lt; &gt;
//                and &quot;, that is plain XML decoding), then String.prototype.trim(), an empty
//                string counting as absent. Arrays drop their absent entries. JSON Feed strings
//                are only trimmed.
//   feed-parser  @rowanmanning/feed-parser: fast-xml-parser decodes the XML, then element text is
//                trimmed and HTML entities are decoded a second time (html-entities' decode), so
//                "&amp;" in a title reads back as "&" and "&nbsp;" as U+00A0; an empty result
//                counts as absent. RSS authors go through its parseContactString (an e-mail
//                address or URL in a name becomes the contact's email or url; brackets around a
//                whole name are dropped). Atom category terms are attribute values: XML-decoded
//                only. An item without authors or categories of its own gets the feed's.
import { createRequire } from "node:module";
import { parseFeed } from "@rowanmanning/feed-parser";
import {
  type Contact,
  parseContactString,
} from "@rowanmanning/feed-parser/lib/utils/parse-contact-string.js";
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from "feedsmith";
import { XmlDocument, type XmlNode } from "libxml2-wasm";
import { DateTime } from "luxon";
import type { FeedFormatName } from "../../src/formats/index.js";
import { escapeHtml, escapeMarkupLikeText } from "../../src/html-escape.js";
import type { Feed, FeedItem } from "../../src/model.js";
import { feedNamespaces } from "./xml.js";

export type XmlFormatName = Exclude<FeedFormatName, "json">;

/** An author as a reader gives it: a name, or @rowanmanning/feed-parser's contact object. */
export type ReadAuthor = string | Contact;

/** What a reader says about one item. Dates are instants (milliseconds since the epoch). */
export interface ReadItem {
  id: string | undefined;
  url: string | undefined;
  title: string | undefined;
  summary: string | undefined;
  content: string | undefined;
  published: number | undefined;
  authors: ReadAuthor[];
  tags: string[];
}

/** An item as the renderers were given it, or as an exact reader gives it: authors by name. */
export interface ItemText extends ReadItem {
  authors: string[];
}

/** The text wirefeed gave the renderers for one item, which an exact reader must give back. */
export function itemTextOf(item: FeedItem): ItemText {
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    summary: item.summary,
    content: item.contentHtml,
    published: item.published.toMillis(),
    authors: item.authors.map((author) => author.name),
    tags: item.tags,
  };
}

/**
 * The text an exact reader finds for an item in `format`: RSS and Atom write no content for an
 * empty body, every RSS item has a description and every Atom entry without content a summary
 * (the summary, or else the title).
 */
export function asWrittenIn(format: FeedFormatName, exact: ItemText): ItemText {
  if (format === "json") return exact;
  const content = exact.content === "" ? undefined : exact.content;
  const summary =
    format === "rss" || content === undefined ? (exact.summary ?? exact.title) : exact.summary;
  return { ...exact, content, summary };
}

// ---- exact: libxml2 and JSON.parse --------------------------------------------------------

function textAt(node: XmlNode, xpath: string): string | undefined {
  return node.get(xpath, feedNamespaces)?.content;
}

function textsAt(node: XmlNode, xpath: string): string[] {
  return node.find(xpath, feedNamespaces).map((found) => found.content);
}

function instant(date: DateTime): number | undefined {
  return date.isValid ? date.toMillis() : undefined;
}

function rfc822Instant(text: string | undefined): number | undefined {
  return text === undefined ? undefined : instant(DateTime.fromRFC2822(text));
}

function isoInstant(text: string | undefined): number | undefined {
  return text === undefined ? undefined : instant(DateTime.fromISO(text));
}

const escapedHtml: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

/** Undoes src/html-escape.ts escapeHtml: the five references it writes, and nothing else. */
function decodeEscapedHtml(text: string | undefined): string | undefined {
  return text?.replace(
    /&(?:amp|lt|gt|quot|#39);/g,
    (reference) => escapedHtml[reference] ?? reference,
  );
}

/** Undoes src/html-escape.ts escapeMarkupLikeText: the two references it writes. */
function decodeMarkupLikeText(text: string | undefined): string | undefined {
  return text?.replace(/&(?:amp|lt);/g, (reference) => escapedHtml[reference] ?? reference);
}

function readXmlItems(format: XmlFormatName, xml: string): ItemText[] {
  const document = XmlDocument.fromString(xml);
  try {
    if (format === "rss") {
      return document.find("/rss/channel/item").map((item) => ({
        id: textAt(item, "guid"),
        url: textAt(item, "link"),
        // RSS <title> is written with its markup-like text HTML-escaped.
        title: decodeMarkupLikeText(textAt(item, "title")),
        // RSS <description> is HTML; wirefeed writes the plain-text summary HTML-escaped.
        summary: decodeEscapedHtml(textAt(item, "description")),
        content: textAt(item, "content:encoded"),
        published: rfc822Instant(textAt(item, "pubDate")),
        // A sole author with an e-mail is RSS's own <author>, "mail (Name)".
        authors: [
          ...textsAt(item, "author").map((text) => /^\S+ \((.*)\)$/s.exec(text)?.[1] ?? text),
          ...textsAt(item, "dc:creator"),
        ],
        tags: textsAt(item, "category"),
      }));
    }
    return document.find("/atom:feed/atom:entry", feedNamespaces).map((entry) => ({
      id: textAt(entry, "atom:id"),
      url: textAt(entry, "atom:link[@rel='alternate']/@href"),
      title: textAt(entry, "atom:title"),
      summary: textAt(entry, "atom:summary"),
      content: textAt(entry, "atom:content"),
      published: isoInstant(textAt(entry, "atom:published")),
      authors: textsAt(entry, "atom:author/atom:name"),
      tags: textsAt(entry, "atom:category/@term"),
    }));
  } finally {
    document.dispose();
  }
}

interface JsonFeedItemText {
  id?: string;
  url?: string;
  title?: string;
  summary?: string;
  content_html?: string;
  date_published?: string;
  authors?: { name: string }[];
  tags?: string[];
}

function readJsonItems(json: string): ItemText[] {
  const items = (JSON.parse(json) as { items: JsonFeedItemText[] }).items;
  return items.map((item) => ({
    id: item.id,
    url: item.url,
    title: item.title,
    summary: item.summary,
    content: item.content_html,
    published: isoInstant(item.date_published),
    authors: (item.authors ?? []).map((author) => author.name),
    tags: item.tags ?? [],
  }));
}

/** The items as a conforming reader sees them: libxml2 for RSS and Atom, JSON.parse for JSON. */
export function readExactly(format: FeedFormatName, text: string): ItemText[] {
  return format === "json" ? readJsonItems(text) : readXmlItems(format, text);
}

// ---- feedsmith ----------------------------------------------------------------------------

function present<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}

/** The items as feedsmith reads them. */
export function readWithFeedsmith(format: FeedFormatName, text: string): ReadItem[] {
  if (format === "rss") {
    return (parseRssFeed(text).items ?? []).map((item) => ({
      id: item.guid?.value,
      url: item.link,
      title: item.title,
      summary: item.description,
      content: item.content?.encoded,
      published: rfc822Instant(item.pubDate),
      // <author> (an e-mail address in RSS) and <dc:creator> (a name) both name authors.
      authors: [
        ...(item.authors ?? []).map((author) => author.name ?? author.email ?? ""),
        ...(item.dc?.creators ?? []),
      ],
      tags: (item.categories ?? []).map((category) => category.name).filter(present),
    }));
  }
  if (format === "atom") {
    return (parseAtomFeed(text).entries ?? []).map((entry) => ({
      id: entry.id,
      url: entry.links?.find((link) => link.rel === "alternate")?.href,
      title: entry.title?.value,
      summary: entry.summary?.value,
      content: entry.content?.value,
      published: isoInstant(entry.published),
      authors: (entry.authors ?? []).map((author) => author.name).filter(present),
      tags: (entry.categories ?? []).map((category) => category.term).filter(present),
    }));
  }
  return (parseJsonFeed(text).items ?? []).map((item) => ({
    id: item.id,
    url: item.url,
    title: item.title,
    summary: item.summary,
    content: item.content_html,
    published: isoInstant(item.date_published),
    authors: (item.authors ?? []).map((author) => author.name).filter(present),
    tags: (item.tags ?? []).filter(present),
  }));
}

// The HTML entity decoder feedsmith itself calls, loaded from where it loads it.
const { decodeHTML } = createRequire(createRequire(import.meta.url).resolve("feedsmith"))(
  "entities",
) as { decodeHTML(text: string): string };

function feedsmithString(text: string | undefined): string | undefined {
  return text?.trim() || undefined;
}

function feedsmithStrings(texts: readonly string[]): string[] {
  return texts.map((text) => text.trim()).filter((text) => text !== "");
}

/**
 * What feedsmith gives for an item of `feed` whose exact text is `exact` (see the top of this
 * file). For RSS it gives <description> as written, that is the summary HTML-escaped, and
 * <title> as written, its markup-like text HTML-escaped. The name in RSS's <author>
 * ("mail (Name)") it decodes as HTML once more after splitting it from the address, so a name
 * typed `&#x0;` reads as U+FFFD there (not in <dc:creator>).
 */
export function asReadByFeedsmith(format: FeedFormatName, exact: ItemText, feed: Feed): ReadItem {
  const rss = format === "rss";
  const summary = rss && exact.summary !== undefined ? escapeHtml(exact.summary) : exact.summary;
  const title = rss && exact.title !== undefined ? escapeMarkupLikeText(exact.title) : exact.title;
  const [sole, ...others] = feed.items.find((item) => item.id === exact.id)?.authors ?? [];
  const authors =
    rss && sole?.email !== undefined && others.length === 0
      ? exact.authors.map(decodeHTML)
      : exact.authors;
  return {
    id: feedsmithString(exact.id),
    url: feedsmithString(exact.url),
    title: feedsmithString(title),
    summary: feedsmithString(summary),
    content: feedsmithString(exact.content),
    published: exact.published,
    authors: feedsmithStrings(authors),
    tags: feedsmithStrings(exact.tags),
  };
}

// ---- @rowanmanning/feed-parser ------------------------------------------------------------

// The HTML entity decoder @rowanmanning/feed-parser itself calls, loaded from where it loads it.
const requireAsFeedParser = createRequire(
  createRequire(import.meta.url).resolve("@rowanmanning/feed-parser"),
);
const { decode: decodeHtmlEntities } = requireAsFeedParser("html-entities") as {
  decode(text: string): string;
};

function orUndefined<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

/** The items as @rowanmanning/feed-parser reads them. */
export function readWithFeedParser(text: string): ReadItem[] {
  return parseFeed(text).items.map((item) => ({
    id: orUndefined(item.id),
    url: orUndefined(item.url),
    title: orUndefined(item.title),
    summary: orUndefined(item.description),
    content: orUndefined(item.content),
    published: item.published?.getTime(),
    authors: item.authors.map(({ name, email, url }) => ({ name, email, url })),
    tags: item.categories.map((category) => category.term),
  }));
}

/** Element text as @rowanmanning/feed-parser normalises it: trimmed, then HTML-decoded. */
function feedParserText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : decodeHtmlEntities(text.trim()) || undefined;
}

function contact(name: string | null): Contact {
  return { name, email: null, url: null };
}

/**
 * What @rowanmanning/feed-parser gives for an item whose exact text is `exact`, in `feed`.
 * An item without authors of its own gets the feed's: in Atom the feed's author, in RSS the
 * channel's dc:creator (both the publisher). Only Atom's category fallback matters: RSS channels
 * carry no categories.
 */
export function asReadByFeedParser(format: XmlFormatName, exact: ItemText, feed: Feed): ReadItem {
  let authors: Contact[];
  let tags: string[];
  const [sole, ...others] = feed.items.find((item) => item.id === exact.id)?.authors ?? [];
  if (format === "rss" && sole?.email !== undefined && others.length === 0) {
    // RSS's <author>, "mail (Name)": a contact with both.
    authors = [parseContactString(feedParserText(`${sole.email} (${sole.name})`) ?? "")].filter(
      present,
    );
    tags = exact.tags.map(feedParserText).filter(present);
  } else if (format === "rss") {
    // An item whose every author reads as empty (an author typed "&nbsp;") has none of its own
    // for feed-parser either, so it gets the channel's too.
    const read = (names: string[]) =>
      names.map((name) => parseContactString(feedParserText(name) ?? "")).filter(present);
    const own = read(exact.authors);
    authors = own.length > 0 ? own : read(feed.authors.map((a) => a.name));
    tags = exact.tags.map(feedParserText).filter(present);
  } else {
    // Atom's author email, where the item's author has one.
    const emails = (feed.items.find((item) => item.id === exact.id)?.authors ?? []).map(
      (author) => author.email ?? null,
    );
    authors = exact.authors.map((name, index) => ({
      ...contact(feedParserText(name) ?? null),
      email: emails[index] ?? null,
    }));
    if (authors.length === 0) {
      authors = feed.authors.map((author) => contact(feedParserText(author.name) ?? null));
    }
    tags = exact.tags.filter((tag) => tag !== "");
  }
  return {
    id: feedParserText(exact.id),
    // Resolved against the feed's URL, which leaves wirefeed's absolute URLs as they are.
    url: exact.url,
    // It decodes HTML once more, which for RSS undoes wirefeed's escaping of markup-like text.
    title: feedParserText(
      format === "rss" && exact.title !== undefined
        ? escapeMarkupLikeText(exact.title)
        : exact.title,
    ),
    // It decodes HTML once, which for RSS undoes wirefeed's escaping of the summary.
    summary: format === "rss" ? exact.summary?.trim() || undefined : feedParserText(exact.summary),
    content: feedParserText(exact.content),
    published: exact.published,
    authors,
    tags,
  };
}
