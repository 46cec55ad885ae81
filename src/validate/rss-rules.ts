// RSS 2.0 rules rss.rng cannot state: unique guids; and in a podcast (a channel with Apple's
// itunes:explicit), an enclosure on every episode and, for a serial show, an episode number.
import { problemAt, selectNodes, uniqueText, type XmlRule } from "./xml-rules.js";

const namespaces = { itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd" };

function isPodcast(document: Parameters<XmlRule>[0]): boolean {
  return selectNodes(document, "/rss/channel/itunes:explicit", namespaces).length > 0;
}

/** Apple lists an item only with its media file: url, length and type. */
const episodesHaveEnclosures: XmlRule = (document) =>
  isPodcast(document)
    ? selectNodes(document, "/rss/channel/item[not(enclosure)]").map((item) =>
        problemAt(item, "/rss/channel/item: a podcast episode needs an <enclosure>"),
      )
    : [];

/** Apple: a serial show gives every episode its number. */
const serialEpisodesAreNumbered: XmlRule = (document) =>
  selectNodes(document, "/rss/channel/itunes:type[. = 'serial']", namespaces).length > 0
    ? selectNodes(document, "/rss/channel/item[not(itunes:episode)]", namespaces).map((item) =>
        problemAt(
          item,
          "/rss/channel/item: a serial podcast (itunes:type serial) numbers every episode; itunes:episode is missing",
        ),
      )
    : [];

export const rssRules: readonly XmlRule[] = [
  uniqueText("guid", "/rss/channel/item/guid"),
  episodesHaveEnclosures,
  serialEpisodesAreNumbered,
];
