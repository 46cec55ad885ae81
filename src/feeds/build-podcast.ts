// The podcast feed (/podcast.xml): every episode (an article with an enclosure), newest first, in
// an RSS channel that carries the show's iTunes and Podcasting 2.0 data from site.json's `podcast`
// block. It exists only when that block is there and there is at least one episode.

import type { Article, Feed, PodcastChannel } from "../model.js";
import { podcastGuid } from "../site/podcast-guid.js";
import type { PodcastSettings } from "../site/podcast-settings.js";
import type { SiteMetadata } from "../site/site-metadata.js";
import { absoluteUrl } from "../urls.js";
import { buildFeed, type FeedDefinition } from "./build-feed.js";

export const podcastPath = "/podcast.xml";

/** The articles that are episodes, in the order given. */
export function episodesOf(articles: readonly Article[]): Article[] {
  return articles.filter((article) => article.episode !== undefined);
}

export interface AssignedPodcastGuid {
  guid: string;
  /** Written in site.json; otherwise computed from the feed URL, and it would change with it. */
  pinned: boolean;
}

/** The podcast:guid: site.json's, or the one the Podcasting 2.0 rule gives the feed URL. */
export function assignedPodcastGuid(
  settings: PodcastSettings,
  siteUrl: string,
): AssignedPodcastGuid {
  return settings.guid === undefined
    ? { guid: podcastGuid(absoluteUrl(siteUrl, podcastPath)), pinned: false }
    : { guid: settings.guid, pinned: true };
}

/** What to do about a podcast:guid that site.json does not pin, as one line for logs and the CLI. */
export function unpinnedGuidAdvice(guid: string): string {
  return `podcast.guid is not set in site.json: add "guid": "${guid}" to its podcast block, so the podcast keeps this guid if the site URL ever changes`;
}

function podcastChannel(settings: PodcastSettings, siteUrl: string): PodcastChannel {
  const absolute = (url: string) => absoluteUrl(siteUrl, url);
  return {
    guid: assignedPodcastGuid(settings, siteUrl).guid,
    author: settings.author,
    owner: settings.owner,
    image: absolute(settings.image),
    categories: settings.categories,
    explicit: settings.explicit,
    type: settings.type,
    locked: settings.locked,
    funding: settings.funding.map((funding) => ({ ...funding, url: absolute(funding.url) })),
    persons: settings.persons.map((person) => ({
      ...person,
      ...(person.href === undefined ? {} : { href: absolute(person.href) }),
      ...(person.img === undefined ? {} : { img: absolute(person.img) }),
    })),
  };
}

/** What the podcast feed is made of, for the site build; undefined when there is no podcast. */
export function podcastDefinition(
  articles: readonly Article[],
  site: SiteMetadata,
): FeedDefinition | undefined {
  const settings = site.podcast;
  const episodes = episodesOf(articles);
  if (settings === undefined || episodes.length === 0) return undefined;
  return {
    id: `${site.feedId}/podcast`,
    title: settings.title ?? site.title,
    description: settings.description ?? site.description,
    basePath: "/",
    articles: episodes,
    relations: [],
    archive: false,
    maxAgeSeconds: site.maxAgeSeconds,
    eager: true,
    hubTopic: true,
  };
}

/** The podcast feed's model: the episodes as items, the show's data as the channel's. */
export function buildPodcastFeed(
  definition: FeedDefinition,
  site: SiteMetadata,
  siteUrl: string,
): Feed {
  const settings = site.podcast;
  if (settings === undefined) throw new Error("buildPodcastFeed: site.json has no podcast block");
  const feed = buildFeed(definition, site, siteUrl);
  return {
    ...feed,
    links: { ...feed.links, rss: absoluteUrl(siteUrl, podcastPath) },
    podcast: podcastChannel(settings, siteUrl),
  };
}
