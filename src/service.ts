// The running service without its socket: holds the article store and the current snapshot of
// the site, rebuilds on change and swaps the new snapshot in atomically (requests in flight keep
// the bytes they started with). server.ts listens with it; tests start it the same way.
import type { RequestListener } from "node:http";
import { DateTime } from "luxon";
import { createApp } from "./app.js";
import { ArticleStore, type RereadOutcome } from "./articles/store.js";
import { defaultWatchTiming, type WatchTiming, watchFolder } from "./articles/watch.js";
import type { Config } from "./config.js";
import type { ArticleApiDependencies } from "./http/article-api.js";
import type { Logger } from "./log.js";
import type { StoreProblem } from "./model.js";
import {
  buildSite,
  changedPaths,
  type FeedValidator,
  type SiteContext,
  type SiteSnapshot,
} from "./renditions/build-site.js";
import { absoluteUrl } from "./urls.js";
import { validateRenderedFeed } from "./validate/index.js";
import { createHubNotifier, type HubNotifierOptions } from "./websub/hub-notifier.js";

export interface Service {
  /** Handles one HTTP request: give it to http.createServer. */
  handleRequest: RequestListener;
  snapshot(): SiteSnapshot;
  /** Re-reads the named article files now and serves the result. Returns the changed URL paths. */
  refresh(names: readonly string[]): Promise<string[]>;
  /** Stops watching the folder and cancels pending hub retries. */
  close(): void;
  /** Resolves when every WebSub notification so far has been delivered or given up. */
  hubsSettled(): Promise<void>;
}

export type ServiceConfig = Pick<Config, "siteUrl" | "articlesDir" | "site" | "apiToken">;

export interface ServiceOptions {
  /** Watch the articles folder and publish changes without a restart. */
  watch?: boolean;
  watchTiming?: WatchTiming;
  /** The feed gate; the schema validators unless a test injects another. */
  validate?: FeedValidator;
  /** Called after a new snapshot is in service, with the URL paths whose bytes changed. */
  onPublish?: (paths: string[], snapshot: SiteSnapshot) => void;
  /** Retry and timeout of WebSub notifications (tests shorten them). */
  hubTiming?: Pick<HubNotifierOptions, "retryDelaysMs" | "timeoutMs">;
}

function logProblems(
  logger: Logger,
  problems: readonly StoreProblem[],
  only?: ReadonlySet<string>,
): void {
  for (const problem of problems) {
    if (only && !only.has(problem.file)) continue;
    logger.warn("article skipped", { file: problem.file, reason: problem.message });
  }
}

function logInvalidFeeds(logger: Logger, invalidFeeds: SiteSnapshot["invalidFeeds"]): void {
  for (const invalid of invalidFeeds) {
    logger.error("feed failed validation; it is not served until it is valid again", {
      path: invalid.path,
      problems: invalid.problems,
      articles: invalid.articles,
    });
  }
}

export async function openService(
  config: ServiceConfig,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<Service> {
  const store = await ArticleStore.open(config.articlesDir, { idPrefix: config.site.idPrefix });
  const context: SiteContext = {
    site: config.site,
    siteUrl: config.siteUrl,
    validate: options.validate ?? validateRenderedFeed,
    invalidFeeds: new Map(),
    onInvalidFeed: (invalid) => logInvalidFeeds(logger, [invalid]),
  };
  const first = store.view();
  logProblems(logger, first.problems);
  let current = buildSite(first.articles, first.problems, context);
  logInvalidFeeds(logger, current.invalidFeeds);

  const publish = (outcome: RereadOutcome): string[] => {
    if (!outcome.changed) return [];
    const started = performance.now();
    const view = store.view();
    const known = new Set(current.invalidFeeds);
    const next = buildSite(view.articles, view.problems, context, current);
    const changed = changedPaths(current, next);
    current = next;
    // Failures are objects made when a feed fails: a new object is a new failure.
    logInvalidFeeds(
      logger,
      next.invalidFeeds.filter((invalid) => !known.has(invalid)),
    );
    if (changed.length > 0) {
      const buildMs = Math.round((performance.now() - started) * 10) / 10;
      logger.info("published", { paths: changed.length, articles: view.articles.length, buildMs });
      const topicPaths = new Set(next.hubTopicPaths);
      const topics = changed
        .filter((path) => topicPaths.has(path))
        .map((path) => absoluteUrl(config.siteUrl, path));
      // The new bytes are in service now, so a hub that fetches at once gets them.
      if (topics.length > 0) hubNotifier?.notify(topics);
      options.onPublish?.(changed, next);
    }
    return changed;
  };

  const hubNotifier =
    config.site.hubs.length === 0
      ? undefined
      : createHubNotifier({ hubs: config.site.hubs, logger, ...options.hubTiming });

  let stopWatching = () => {};
  if (options.watch) {
    stopWatching = watchFolder(
      config.articlesDir,
      async (names, lastTry) => {
        const outcome = names === "all" ? await store.rereadAll() : await store.reread(names);
        publish(outcome);
        if (lastTry) logProblems(logger, store.view().problems, new Set(outcome.failed));
        return outcome.failed;
      },
      (error) => logger.error("watching the articles folder failed", { error: error.message }),
      options.watchTiming ?? defaultWatchTiming,
    );
  }

  const refresh = async (names: readonly string[]) => publish(await store.reread(names));
  const articleApi: ArticleApiDependencies | undefined =
    config.apiToken === undefined
      ? undefined
      : {
          articlesDir: config.articlesDir,
          token: config.apiToken,
          siteUrl: config.siteUrl,
          idPrefix: config.site.idPrefix,
          snapshot: () => current,
          refresh,
          checkArticles: (articles) => {
            const known = new Set(current.invalidFeeds.map((invalid) => invalid.path));
            const trial = buildSite(articles, [], context, current, "trial");
            // Feeds built on first request are built now, for every feed the change touches.
            const feedPaths = new Set(trial.feedPaths);
            for (const path of changedPaths(current, trial)) {
              if (feedPaths.has(path)) trial.renditions.get(path);
            }
            return trial.invalidFeeds.filter((invalid) => !known.has(invalid.path));
          },
          now: () => DateTime.now(),
        };

  return {
    handleRequest: createApp({
      snapshot: () => current,
      logger,
      ...(articleApi ? { articleApi } : {}),
    }),
    snapshot: () => current,
    refresh,
    close: () => {
      stopWatching();
      hubNotifier?.close();
    },
    hubsSettled: () => hubNotifier?.settled() ?? Promise.resolve(),
  };
}
