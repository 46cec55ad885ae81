// RSS 2.0 with content:encoded (full text), dc:creator (author names; the channel's names the
// publisher) or <author> (a sole author with an e-mail), atom:updated (an edited item's date of
// change) and atom:link rel="self".
// Episodes carry their <enclosure> in every RSS feed; the podcast feed adds the itunes: and
// podcast: elements (podcast-parts.ts).
import { escapeHtml, escapeMarkupLikeText } from "../html-escape.js";
import type { Feed, FeedItem } from "../model.js";
import { formatRfc822, formatRfc3339 } from "./dates.js";
import { addLeadImage, optionalNamespaces } from "./feed-parts.js";
import { addEpisodeElements, addPodcastChannel, podcastNamespaces } from "./podcast-parts.js";
import { WrittenItems, writtenItemsBytes } from "./written-items.js";
import {
  addElement,
  addTextElement,
  createXmlDocument,
  namespaceDeclarations,
  serializeXml,
  type XmlElement,
} from "./xml-document.js";

export const rssMediaType = "application/rss+xml; charset=utf-8";

const writtenItems = new WrittenItems(writtenItemsBytes);

function addItem(channel: XmlElement, item: FeedItem, podcast: boolean): void {
  const element = addElement(channel, "item");
  // Readers built on feedparser, Miniflux and web readers read an RSS title as HTML, newsboat and
  // sfeed as text: markup-like text in it is HTML-escaped, everything else written as typed.
  addTextElement(element, "title", escapeMarkupLikeText(item.title));
  addTextElement(element, "link", item.url);
  addTextElement(element, "guid", item.id, { isPermaLink: "false" });
  addTextElement(element, "pubDate", formatRfc822(item.published));
  // RSS readers render <description> as HTML, and the summary is plain text: escape it as HTML
  // (then, like all text, as XML), so markup typed into a summary stays text. Every item has one,
  // before its content (the RSS profile): the title stands in for an article with no paragraph.
  addTextElement(element, "description", escapeHtml(item.summary ?? item.title));
  if (item.contentHtml !== "") addTextElement(element, "content:encoded", item.contentHtml);
  addItemAuthors(element, item);
  // RSS has no date of change; feedparser (so rss2email and feed2exec) reads atom:updated as
  // Atom's, and readers that compare dates see the edit. Written only for an edited item.
  if (item.updated.toMillis() !== item.published.toMillis())
    addTextElement(element, "atom:updated", formatRfc3339(item.updated));
  for (const tag of item.tags) addTextElement(element, "category", tag);
  addLeadImage(element, item);
  const episode = item.episode;
  if (episode === undefined) return;
  addElement(element, "enclosure", {
    url: episode.enclosure.url,
    length: String(episode.enclosure.length),
    type: episode.enclosure.type,
  });
  if (podcast) addEpisodeElements(element, episode);
}

/**
 * RSS's own <author> is one e-mail address ("mail (Name)"), and an item may have only one; the
 * W3C validator warns when it stands beside dc:creator. So a sole author with an e-mail is an
 * <author>, and otherwise every author is a dc:creator by name.
 */
function addItemAuthors(element: XmlElement, item: FeedItem): void {
  const [sole, ...others] = item.authors;
  if (sole?.email !== undefined && others.length === 0)
    addTextElement(element, "author", `${sole.email} (${sole.name})`);
  else for (const author of item.authors) addTextElement(element, "dc:creator", author.name);
}

/**
 * Who the channel is by (the publisher), the way Atom names the feed's author. Readers that find
 * no author on an item fall back to it: feedparser and rss2email read the channel's dc:creator,
 * Miniflux its managingEditor, which RSS requires to be an e-mail address ("mail (Name)"), so it
 * is written only when the publisher has one. Items never get an author they do not have.
 */
function addChannelAuthors(channel: XmlElement, feed: Feed): void {
  for (const author of feed.authors) addTextElement(channel, "dc:creator", author.name);
  const editor = feed.authors.find((author) => author.email !== undefined);
  if (editor !== undefined)
    addTextElement(channel, "managingEditor", `${editor.email} (${editor.name})`);
}

/** Renders a feed as RSS 2.0. Pure: the same Feed always gives the same text. */
export function renderRss(feed: Feed): string {
  const document = createXmlDocument();
  const rss = addElement(document, "rss", {
    version: "2.0",
    ...namespaceDeclarations(
      "atom",
      "content",
      "dc",
      ...optionalNamespaces(feed),
      ...podcastNamespaces(feed),
    ),
  });
  const channel = addElement(rss, "channel");
  addTextElement(channel, "title", escapeMarkupLikeText(feed.title));
  addTextElement(channel, "link", feed.links.home);
  addTextElement(channel, "description", feed.description);
  addElement(channel, "atom:link", {
    href: feed.links.rss,
    rel: "self",
    type: "application/rss+xml",
  });
  for (const hub of feed.hubs) addElement(channel, "atom:link", { href: hub, rel: "hub" });
  for (const relation of feed.relations) {
    addElement(channel, "atom:link", {
      href: relation.href.rss,
      rel: relation.rel,
      type: "application/rss+xml",
    });
  }
  if (feed.archive) addElement(channel, "fh:archive");
  addTextElement(channel, "language", feed.language);
  addChannelAuthors(channel, feed);
  addTextElement(channel, "lastBuildDate", formatRfc822(feed.updated));
  addTextElement(channel, "generator", "wirefeed");
  addTextElement(channel, "ttl", String(feed.ttlMinutes));
  if (feed.icon !== undefined) {
    const image = addElement(channel, "image");
    addTextElement(image, "url", feed.icon);
    addTextElement(image, "title", escapeMarkupLikeText(feed.title));
    addTextElement(image, "link", feed.links.home);
  }
  if (feed.podcast !== undefined) addPodcastChannel(channel, feed.podcast);
  const podcast = feed.podcast !== undefined;
  for (const item of feed.items)
    writtenItems.add(channel, item, podcast ? "podcast" : "", (holder) =>
      addItem(holder, item, podcast),
    );
  return serializeXml(document);
}
