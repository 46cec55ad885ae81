// The podcast feed's own elements, in RSS: Apple's itunes: elements and the Podcasting 2.0
// podcast: elements, on the channel (the show) and on each item (the episode). Written only for a
// feed that carries a PodcastChannel, so both namespaces are declared only there.
import type { Feed, FeedEpisode, PodcastChannel } from "../model.js";
import { addElement, addTextElement, type XmlElement, type XmlPrefix } from "./xml-document.js";

/** The namespaces the podcast elements need in this feed: none unless it is the podcast feed. */
export function podcastNamespaces(feed: Feed): XmlPrefix[] {
  return feed.podcast === undefined ? [] : ["itunes", "podcast"];
}

/** The attributes that are set, as strings. */
function presentAttributes(attributes: Record<string, string | undefined>): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined) present[name] = value;
  return present;
}

/** Apple's required and recommended channel tags, then the Podcasting 2.0 ones. */
export function addPodcastChannel(channel: XmlElement, podcast: PodcastChannel): void {
  addElement(channel, "itunes:image", { href: podcast.image });
  for (const category of podcast.categories) {
    const element = addElement(channel, "itunes:category", { text: category.name });
    if (category.subcategory !== undefined)
      addElement(element, "itunes:category", { text: category.subcategory });
  }
  addTextElement(channel, "itunes:explicit", String(podcast.explicit));
  addTextElement(channel, "itunes:author", podcast.author);
  const owner = addElement(channel, "itunes:owner");
  addTextElement(owner, "itunes:name", podcast.owner.name);
  addTextElement(owner, "itunes:email", podcast.owner.email);
  addTextElement(channel, "itunes:type", podcast.type);
  addTextElement(channel, "podcast:guid", podcast.guid);
  addTextElement(channel, "podcast:locked", podcast.locked ? "yes" : "no", {
    owner: podcast.owner.email,
  });
  for (const funding of podcast.funding)
    addTextElement(channel, "podcast:funding", funding.text, { url: funding.url });
  for (const person of podcast.persons) {
    addTextElement(
      channel,
      "podcast:person",
      person.name,
      presentAttributes({
        role: person.role,
        group: person.group,
        img: person.img,
        href: person.href,
      }),
    );
  }
}

/** The episode's itunes: and podcast: elements; the <enclosure> itself is core RSS. */
export function addEpisodeElements(item: XmlElement, episode: FeedEpisode): void {
  const { enclosure } = episode;
  if (enclosure.durationSeconds !== undefined)
    addTextElement(item, "itunes:duration", String(enclosure.durationSeconds));
  if (episode.number !== undefined) addTextElement(item, "itunes:episode", String(episode.number));
  if (episode.season !== undefined) addTextElement(item, "itunes:season", String(episode.season));
  if (episode.episodeType !== undefined)
    addTextElement(item, "itunes:episodeType", episode.episodeType);
  if (episode.explicit !== undefined)
    addTextElement(item, "itunes:explicit", String(episode.explicit));
  if (episode.image !== undefined) addElement(item, "itunes:image", { href: episode.image });
  for (const transcript of episode.transcripts) {
    addElement(
      item,
      "podcast:transcript",
      presentAttributes({
        url: transcript.url,
        type: transcript.type,
        language: transcript.language,
        rel: transcript.rel,
      }),
    );
  }
  if (episode.chapters !== undefined) {
    addElement(item, "podcast:chapters", {
      url: episode.chapters.url,
      type: episode.chapters.type,
    });
  }
}
