// One feed document in one format: rendered, checked by the validation gate, then served or not.
// A failed feed keeps its previous good rendition (or none, and its URL answers 503), and the
// articles that make it fail are named. Each feed is validated when it is built, never per request:
// the subscription feeds (and the podcast feed) with the site, the many others on first request.
import type { FeedDefinition } from "../../feeds/build-feed.js";
import type { FeedFormat } from "../../formats/index.js";
import type { Feed } from "../../model.js";
import { Rendition } from "../rendition.js";
import { takeOverFromPrevious } from "./reuse.js";
import { type Build, type FeedValidator, lastModifiedRule } from "./site-snapshot.js";

/**
 * Which articles make a feed fail: each item is rendered alone in the same feed and checked.
 * Runs only when a feed has failed, to name the files to fix.
 */
function articlesBreaking(
  validate: FeedValidator,
  format: FeedFormat,
  feed: Feed,
  definition: FeedDefinition,
): string[] {
  const fileOf = new Map(definition.articles.map((article) => [article.id, article.file]));
  return feed.items
    .filter((item) => validate(format, format.render({ ...feed, items: [item] })).length > 0)
    .map((item) => fileOf.get(item.id) ?? item.id);
}

/** What checking a feed needs of its build: never the build itself, which a lazy feed outlives. */
export type FeedChecking = Pick<Build, "context" | "invalidFeeds" | "trial">;

/**
 * Makes one feed document in one format: rendered, checked by the gate, and given its
 * Last-Modified by `lastModified`. A failure is recorded (and reported, for a feed made on first
 * request) and gives `fallback`, the rendition served before, if any.
 */
export function checkedFeedMaker(
  checking: FeedChecking,
  definition: FeedDefinition,
  format: FeedFormat,
  selfUrl: string,
  feedModel: () => Feed,
  lastModified: ReturnType<typeof lastModifiedRule>,
  fallback?: Rendition,
): () => Rendition | undefined {
  const path = new URL(selfUrl).pathname;
  const { validate, onInvalidFeed, site } = checking.context;
  const { invalidFeeds, trial } = checking;
  return () => {
    const model = feedModel();
    const text = format.render(model);
    const problems = validate(format, text);
    if (problems.length > 0) {
      const invalid = {
        path,
        problems,
        articles: articlesBreaking(validate, format, model, definition),
      };
      invalidFeeds.set(path, invalid);
      // A trial's failures are the caller's answer, not something to report.
      if (!definition.eager && !trial) onInvalidFeed?.(invalid);
      return fallback;
    }
    invalidFeeds.delete(path);
    const rendition = new Rendition({
      path,
      mediaType: format.mediaType,
      body: text,
      lastModified: lastModified(model.updated.toJSDate()),
      maxAgeSeconds: definition.maxAgeSeconds,
      kind: "feed",
      selfUrl,
      hubs: site.hubs,
    });
    // Compressed copies are made off the event loop; a request that comes first compresses its own.
    if (!trial) rendition.precompress().catch(() => {});
    return rendition;
  };
}

/** One feed document in one format: rendered, checked by the gate, then served or not. */
export function addFeedDocument(
  build: Build,
  definition: FeedDefinition,
  format: FeedFormat,
  selfUrl: string,
  feedModel: () => Feed,
  reuse: boolean,
): void {
  const path = new URL(selfUrl).pathname;
  build.touched.add(path);
  if (reuse) {
    takeOverFromPrevious(build, path);
    return;
  }
  // Only a rendition that was served can stand in for a failed one: a lazy one never was.
  const previous = build.previous?.renditions.entry(path);
  const fallback = previous instanceof Rendition ? previous : undefined;
  // A lazy rendition is taken over by later builds: it must hold only what it needs, never the
  // build (whose tables are full copies), or every build's tables stay alive.
  const { context, invalidFeeds, trial } = build;
  const make = checkedFeedMaker(
    { context, invalidFeeds, trial },
    definition,
    format,
    selfUrl,
    feedModel,
    lastModifiedRule(build, path),
    fallback,
  );
  if (definition.eager) {
    const made = make();
    if (made) build.renditions.set(path, made);
  } else {
    build.renditions.setLazy(path, make);
  }
}
