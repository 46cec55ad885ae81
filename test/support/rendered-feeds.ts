// The subscription feed of some articles, built and rendered in all three formats the way the site build
// does it (buildFeed, then each format's pure renderer), without a folder or a server.
import { buildFeed } from "../../src/feeds/build-feed.js";
import { subscriptionFeed } from "../../src/feeds/catalog.js";
import { renderAtom } from "../../src/formats/atom.js";
import { renderJsonFeed } from "../../src/formats/jsonfeed.js";
import { renderRss } from "../../src/formats/rss.js";
import type { Article, Feed } from "../../src/model.js";
import { testSite, testSiteUrl } from "./site.js";

export interface RenderedFeeds {
  feed: Feed;
  rss: string;
  atom: string;
  json: string;
}

export function renderFeedsOf(articles: readonly Article[]): RenderedFeeds {
  const site = testSite();
  const feed = buildFeed(subscriptionFeed(articles, site), site, testSiteUrl);
  return { feed, rss: renderRss(feed), atom: renderAtom(feed), json: renderJsonFeed(feed) };
}
