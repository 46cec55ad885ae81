// The running service without its socket: holds the article store and the current snapshot of
// the site, rebuilds on change and swaps the new snapshot in atomically (requests in flight keep
// the bytes they started with). server.ts listens with it; tests start it the same way.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import type { RequestListener } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { type AppDependencies, createApp } from "./app.js";
import { ArticleWriter } from "./articles/article-writer.js";
import { watchFolderItself } from "./articles/folder-swap.js";
import { Publication } from "./articles/publication.js";
import { type Clock, longestClockWait, systemClock } from "./articles/schedule.js";
import type { ArticleDelta, RereadOutcome } from "./articles/store.js";
import { openIndexedStore } from "./articles/store-opening.js";
import { defaultWatchTiming, type WatchTiming, watchFolder } from "./articles/watch.js";
import { defaultTombstoneDays, WithdrawalRecord } from "./articles/withdrawals.js";
import { type Audience, type AudienceOptions, openAudience } from "./audience/audience.js";
import type { AudienceSettings } from "./audience/audience-settings.js";
import { type Config, defaultRenditionCacheMiB } from "./config.js";
import { assignedPodcastGuid, unpinnedGuidAdvice } from "./feeds/build-podcast.js";
import type { ArticleApiDependencies } from "./http/article-api.js";
import { publishedImageFiles, publishedMediaFiles, serveMedia } from "./http/serve-media.js";
import type { Logger } from "./log.js";
import { boundedDurationProbe } from "./media/duration-probe.js";
import { ImageFolder } from "./media/image-folder.js";
import { MediaCopies } from "./media/media-copies.js";
import { MediaFolder } from "./media/media-folder.js";
import { MemberEdition } from "./members/member-edition.js";
import { memberFeeds } from "./members/member-feeds.js";
import { MemberRegistry } from "./members/registry.js";
import { AddressesPerSubscriber } from "./members/sharing.js";
import { MemberTokens } from "./members/tokens.js";
import { ServiceMetrics } from "./metrics/service-metrics.js";
import type { Article, StoreProblem } from "./model.js";
import { type HealthBounds, type HealthReport, PublishingHealth } from "./publishing-health.js";
import { RenditionCache } from "./renditions/rendition-cache.js";
import { buildSite } from "./renditions/site/build-site.js";
import {
  changedPaths,
  type FeedValidator,
  type SiteContext,
  type SiteSnapshot,
} from "./renditions/site/site-snapshot.js";
import { feedProblemsOfWrite } from "./renditions/site/trial-build.js";
import { LastModifiedLedger } from "./state/last-modified-ledger.js";
import { absoluteUrl } from "./urls.js";
import { validateRenderedFeed } from "./validate/index.js";
import { createHubNotifier, type HubNotifierOptions } from "./websub/hub-notifier.js";
import { defaultWorkBounds } from "./workers/work-bounds.js";
import { sharedWorkerPool } from "./workers/worker-pool.js";

export interface Service {
  /** Handles one HTTP request: give it to http.createServer. */
  handleRequest: RequestListener;
  snapshot(): SiteSnapshot;
  /** What /healthz answers now. */
  health(): HealthReport;
  /** Re-reads the named article files now and serves the result. Returns the changed URL paths. */
  refresh(names: readonly string[]): Promise<string[]>;
  /** Stops watching the folder and cancels pending hub retries. */
  close(): void;
  /** Resolves when every WebSub notification so far has been delivered or given up. */
  hubsSettled(): Promise<void>;
  /** The audience counter, unless counting is off. */
  audience?: Audience;
  /** The Prometheus metrics served at /metrics. */
  metrics: ServiceMetrics;
}

export type ServiceConfig = Pick<
  Config,
  "siteUrl" | "articlesDir" | "site" | "apiToken" | "members"
> &
  Partial<
    Pick<
      Config,
      | "apiRateLimit"
      | "maxArticleBytes"
      | "followSymlinks"
      | "renditionCacheBytes"
      | "bodyCacheBytes"
      | "workBounds"
    >
  > & {
    /** The media folder (MEDIA_DIR); without one, an episode naming a media file is a problem. */
    mediaDir?: string;
    /** The images folder (IMAGES_DIR); without one, an image named by file is left out with a warning. */
    imagesDir?: string;
    /** Where derived state is kept across restarts (STATE_DIR); without one, nothing is kept. */
    stateDir?: string;
    /** Audience counting (on unless enabled is false) and its options. */
    audience?: Partial<AudienceSettings>;
    /** The token of GET /metrics (METRICS_TOKEN); without one it is open. */
    metricsToken?: string;
  };

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
  /** The time embargoes and expiries are measured against; the system clock unless a test moves its own. */
  clock?: Clock;
  /** When publishing counts as stalled and how much /healthz lists (tests shorten them). */
  healthBounds?: Partial<HealthBounds>;
  /** The audience counter's clock and flush interval (tests move and shorten them). */
  audienceTiming?: Pick<AudienceOptions, "now" | "flushIntervalMs">;
}

function logWarnings(logger: Logger, warnings: readonly StoreProblem[]): void {
  for (const warning of warnings)
    logger.warn("article published with a fault cleaned", {
      file: warning.file,
      warning: warning.message.slice(0, 500),
    });
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

/** A podcast:guid computed from the URL would change with it: say what to pin, at every start. */
function warnOfUnpinnedPodcastGuid(config: ServiceConfig, logger: Logger): void {
  if (config.site.podcast === undefined) return;
  const assigned = assignedPodcastGuid(config.site.podcast, config.siteUrl);
  if (!assigned.pinned) logger.warn(unpinnedGuidAdvice(assigned.guid), { guid: assigned.guid });
}

/** Whether a folder exists (the media folder is optional). */
function isFolder(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
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

/**
 * Where the served copies of a folder's files are kept: STATE_DIR/<name> (media, images), or
 * without a state folder a folder of their own under the system's temporary folder, removed when
 * the service closes.
 */
function openServedCopies(
  config: ServiceConfig,
  name: "media" | "images",
): { copies: MediaCopies; remove: () => void } {
  if (config.stateDir !== undefined) {
    return { copies: new MediaCopies(path.join(config.stateDir, name)), remove: () => {} };
  }
  const dir = mkdtempSync(path.join(tmpdir(), `wirefeed-${name}-`));
  return {
    copies: new MediaCopies(dir),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function openService(
  config: ServiceConfig,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<Service> {
  const followSymlinks = config.followSymlinks ?? false;
  // Bodies render and media files are probed on worker threads, each bounded in time.
  const bounds = config.workBounds ?? defaultWorkBounds;
  const pool = sharedWorkerPool();
  pool.warm();
  const render = { pool, timeoutMs: bounds.renderTimeoutMs };
  const media =
    config.mediaDir === undefined
      ? undefined
      : new MediaFolder(config.mediaDir, {
          followSymlinks,
          probeDuration: boundedDurationProbe(pool, bounds.probeTimeoutMs),
        });
  const images =
    config.imagesDir === undefined
      ? undefined
      : new ImageFolder(config.imagesDir, { followSymlinks });
  warnOfUnpinnedPodcastGuid(config, logger);
  // The watcher, once it starts, reads again what changed after this (file times are wall clock).
  const readingBegan = Date.now();
  const { store, articleIndex } = await openIndexedStore(
    {
      articlesDir: config.articlesDir,
      idPrefix: config.site.idPrefix,
      followSymlinks,
      render,
      ...(config.maxArticleBytes === undefined ? {} : { maxArticleBytes: config.maxArticleBytes }),
      ...(config.bodyCacheBytes === undefined ? {} : { bodyCacheBytes: config.bodyCacheBytes }),
      ...(config.stateDir === undefined ? {} : { stateDir: config.stateDir }),
      ...(media === undefined ? {} : { media }),
      ...(images === undefined ? {} : { images }),
    },
    logger,
  );
  const clock = options.clock ?? systemClock;
  const health = new PublishingHealth(logger, () => clock.now(), options.healthBounds);
  // Reading the store waits for media files now: the watchers and the API take turns.
  let storeTurn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(task: () => Promise<T>): Promise<T> => {
    const result = health.turn(() => storeTurn.then(task));
    storeTurn = result.catch(() => {});
    return result;
  };
  const metrics = new ServiceMetrics({
    articles: () => current.articles.length,
    invalidFeeds: () => current.invalidFeeds.length,
    storeQueue: () => health.queueLength,
    hubQueue: () => hubNotifier?.pendingCount() ?? 0,
  });
  const context: SiteContext = {
    site: config.site,
    siteUrl: config.siteUrl,
    validate: options.validate ?? validateRenderedFeed,
    invalidFeeds: new Map(),
    onInvalidFeed: (invalid) => {
      metrics.recordValidationFailures(1);
      logInvalidFeeds(logger, [invalid]);
    },
    lastModified: new LastModifiedLedger(config.articlesDir, {
      ...(config.stateDir === undefined ? {} : { stateDir: config.stateDir }),
      onWriteError: (error) =>
        logger.error("the Last-Modified ledger could not be written", { error: error.message }),
    }),
    now: () => clock.now(),
    renditionCache: new RenditionCache(
      config.renditionCacheBytes ?? defaultRenditionCacheMiB * 2 ** 20,
    ),
  };
  const withdrawals = new WithdrawalRecord(config.articlesDir, config.stateDir);
  const membersInPublic = config.site.membersInPublic ?? "teaser";
  const tombstoneMs = (config.site.tombstoneDays ?? defaultTombstoneDays) * 86_400_000;
  const publication = new Publication(withdrawals, membersInPublic, tombstoneMs);
  const memberEdition =
    config.members === undefined
      ? undefined
      : new MemberEdition(
          context,
          {
            articlesDir: config.articlesDir,
            ...(config.stateDir === undefined ? {} : { stateDir: config.stateDir }),
          },
          logger,
        );
  const first = store.view();
  logProblems(logger, first.problems);
  logWarnings(logger, first.warnings);
  const opening = publication.at(first.articles, clock.now());
  let current = buildSite(
    opening.publicArticles,
    first.problems,
    context,
    undefined,
    "serve",
    opening.publicWithdrawn,
  );
  memberEdition?.update(opening.articles, first.problems, opening.withdrawn);
  logInvalidFeeds(logger, current.invalidFeeds);

  // Wakes the service when the next embargo lifts or the next article expires.
  let cancelWake = () => {};
  const wakeAtNextChange = (): void => {
    cancelWake();
    const now = clock.now();
    const next = publication.nextChange(now);
    if (next === undefined) return;
    cancelWake = clock.after(Math.min(next - now, longestClockWait), () => {
      void inTurn(async () => {
        if (clock.now() >= next) rebuild();
        else wakeAtNextChange();
      });
    });
  };

  /** The problems said so far, so a new one (an id taken by a newcomer ...) is logged once. */
  let saidProblems = new Set(
    first.problems.map((problem) => `${problem.file}\n${problem.message}`),
  );
  /** How the stored articles changed since the last build, re-read by re-read. */
  let storeChanges: ArticleDelta[] = [];
  const publish = (outcome: RereadOutcome): string[] => {
    if (outcome.delta.removed.length > 0 || outcome.delta.added.length > 0)
      storeChanges.push(outcome.delta);
    if (!outcome.changed) return [];
    logWarnings(logger, outcome.warnings);
    // A file that failed to parse is said on its last try (watch.ts); any other new problem now.
    const { problems } = store.findings();
    const failing = new Set(outcome.failed);
    logProblems(
      logger,
      problems.filter(
        (problem) =>
          !failing.has(problem.file) && !saidProblems.has(`${problem.file}\n${problem.message}`),
      ),
    );
    saidProblems = new Set(problems.map((problem) => `${problem.file}\n${problem.message}`));
    health.changed();
    try {
      return rebuild();
    } catch (error) {
      health.buildFailed(error);
      throw error;
    }
  };

  /** Builds the site from the articles in publication now and serves it; the changed paths. */
  const rebuild = (): string[] => {
    const started = performance.now();
    const { problems } = store.findings();
    const known = new Set(current.invalidFeeds);
    const changes = storeChanges;
    storeChanges = [];
    const { articles, publicArticles, publicDelta, withdrawn, publicWithdrawn } =
      publication.change(changes, clock.now(), () => store.articles());
    const next = buildSite(
      publicArticles,
      problems,
      context,
      current,
      "serve",
      publicWithdrawn,
      undefined,
      publicDelta,
    );
    memberEdition?.update(articles, problems, withdrawn);
    const changed = changedPaths(current, next);
    current = next;
    // Failures are objects made when a feed fails: a new object is a new failure.
    const failures = next.invalidFeeds.filter((invalid) => !known.has(invalid));
    logInvalidFeeds(logger, failures);
    metrics.recordValidationFailures(failures.length);
    metrics.recordBuild(performance.now() - started);
    if (changed.length > 0) {
      metrics.recordPublish(clock.now());
      const buildMs = Math.round((performance.now() - started) * 10) / 10;
      logger.info("published", { paths: changed.length, articles: store.articleCount, buildMs });
      const topicPaths = new Set(next.hubTopicPaths);
      const topics = changed
        .filter((path) => topicPaths.has(path))
        .map((path) => absoluteUrl(config.siteUrl, path));
      // The new bytes are in service now, so a hub that fetches at once gets them.
      if (topics.length > 0) hubNotifier?.notify(topics);
      options.onPublish?.(changed, next);
    }
    health.built(changed.length > 0);
    wakeAtNextChange();
    return changed;
  };

  const hubNotifier =
    config.site.hubs.length === 0
      ? undefined
      : createHubNotifier({ hubs: config.site.hubs, logger, ...options.hubTiming });

  const watchTiming = options.watchTiming ?? defaultWatchTiming;
  /** Watches the folder, whose files were read from `readSince` on (ms since the epoch). */
  const watchArticles = (readSince: number) =>
    watchFolder(
      config.articlesDir,
      async (names, lastTry) => {
        const outcome = await inTurn(() =>
          names === "all" ? store.rereadAll() : store.reread(names),
        );
        publish(outcome);
        if (lastTry) logProblems(logger, store.findings().problems, new Set(outcome.failed));
        return outcome.failed;
      },
      (error) => logger.error("watching the articles folder failed", { error: error.message }),
      watchTiming,
      {
        onSettling: (settling) => health.settling(settling),
        baseline: { held: () => store.heldNames(), readSince },
        onMissed: (count, cause) =>
          logger.warn("changes to the articles folder were found without their events", {
            files: count,
            cause:
              cause === "overflow"
                ? "the kernel's event queue overflowed (fs.inotify.max_queued_events)"
                : "the regular audit of the folder",
          }),
      },
    );
  let stopWatching = () => {};
  let stopWatchingFolder = () => {};
  if (options.watch) {
    stopWatching = watchArticles(readingBegan);
    // The folder deleted and made again, or a release link swapped: read and watch the new one.
    const where = `the articles folder (ARTICLES_DIR ${config.articlesDir})`;
    const readReplacedFolder = async () => {
      stopWatching();
      stopWatching = () => {};
      try {
        stopWatching = watchArticles(Date.now());
        publish(await inTurn(() => store.rereadAll()));
        health.folderFault(undefined);
        logger.info("the articles folder was replaced; it is read and watched again", {
          dir: config.articlesDir,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        health.folderFault(`${where} was replaced but cannot be read: ${reason}`);
      }
    };
    stopWatchingFolder = watchFolderItself(
      config.articlesDir,
      (state) => {
        if (state === "missing")
          health.folderFault(`${where} is gone; the articles last read stay published`);
        else void readReplacedFolder();
      },
      watchTiming.folderCheckMs ?? defaultWatchTiming.folderCheckMs ?? 1_000,
    );
  }
  /** A file of a folder articles name added, replaced or removed: those articles are read again. */
  const watchNamedFolder = (
    folder: { dir: string } | undefined,
    label: string,
    namesUsing: () => string[],
  ): (() => void) => {
    if (!options.watch || folder === undefined || !isFolder(folder.dir)) return () => {};
    return watchFolder(
      folder.dir,
      async () => {
        publish(await inTurn(() => store.reread(namesUsing())));
        return [];
      },
      (error) => logger.error(`watching the ${label} failed`, { error: error.message }),
      watchTiming,
    );
  };
  // An episode's media file (new size, new URL), an article's lead image (new URL, new size).
  const stopWatchingMedia = watchNamedFolder(media, "media folder", () => store.namesUsingMedia());
  const stopWatchingImages = watchNamedFolder(images, "images folder", () =>
    store.namesUsingImages(),
  );

  const refresh = async (names: readonly string[]) =>
    publish(await inTurn(() => store.reread(names)));
  /** The feeds a write would make fail, tried on a trial build of the site it would make. */
  const checkFeeds = (articles: readonly Article[]): string[] =>
    feedProblemsOfWrite(articles, context, current, clock.now());
  const now = () => DateTime.fromMillis(clock.now());
  const articleApi: ArticleApiDependencies | undefined =
    config.apiToken === undefined
      ? undefined
      : {
          token: config.apiToken,
          siteUrl: config.siteUrl,
          storedArticles: () => store.articles(),
          writer: new ArticleWriter({
            dir: config.articlesDir,
            idPrefix: config.site.idPrefix,
            ...(media === undefined ? {} : { media }),
            render,
            ...(images === undefined ? {} : { images }),
            storedArticles: () => store.articles(),
            checkFeeds,
            refresh,
            now,
          }),
          now,
          ...(config.apiRateLimit === undefined ? {} : { rateLimit: config.apiRateLimit }),
        };

  wakeAtNextChange();
  const copies = media === undefined ? undefined : openServedCopies(config, "media");
  const imageCopies = images === undefined ? undefined : openServedCopies(config, "images");
  /** An image is served while an article in publication shows it, in either edition. */
  const isImagePublished = (name: string) =>
    publishedImageFiles(current.articles).has(name) ||
    (memberEdition !== undefined &&
      publishedImageFiles(memberEdition.snapshot().articles).has(name));

  let stopWatchingMembers = () => {};
  let members: AppDependencies["members"];
  if (config.members !== undefined) {
    const registry = new MemberRegistry(config.members.file);
    stopWatchingMembers = registry.watch((error) =>
      logger.error("the members file cannot be read; the last good list stays in force", {
        file: config.members?.file,
        error: error.message,
      }),
    );
    const tokens = new MemberTokens(config.members.key);
    const addresses = new AddressesPerSubscriber(Math.max(config.members.maxAddresses, 1000));
    members = {
      registry,
      tokens,
      addressesToday: (id) => addresses.today(id, clock.now()),
      siteUrl: config.siteUrl,
      feeds: memberFeeds({
        tokens,
        registry,
        snapshot: () => (memberEdition as MemberEdition).snapshot(),
        mediaLinkMs: config.members.mediaLinkHours * 3_600_000,
        siteUrl: config.siteUrl,
        ...(media === undefined || copies === undefined
          ? {}
          : {
              serveMedia: serveMedia(media, copies.copies, "private, max-age=3600", (name) =>
                publishedMediaFiles((memberEdition as MemberEdition).snapshot().articles).has(name),
              ),
            }),
        now: () => clock.now(),
        addresses,
        maxAddresses: config.members.maxAddresses,
        onShared: (subscriber, count) =>
          logger.warn("a member feed is read from more addresses than allowed; answering 429", {
            subscriber,
            addresses: count,
            limit: config.members?.maxAddresses,
          }),
      }),
    };
  }

  const audience = openAudience(
    config.audience ?? {},
    config.stateDir,
    logger,
    options.audienceTiming,
  );
  const statsToken = config.audience?.statsToken;
  const healthReport = () =>
    health.report({
      articles: current.articles.length,
      problems: current.problems,
      warnings: store.findings().warnings,
      invalidFeeds: current.invalidFeeds,
      hubQueue: hubNotifier?.pendingCount() ?? 0,
    });
  // Stalls are logged when they begin, whether or not anyone asks /healthz.
  const healthTimer = setInterval(() => health.check(), 1_000);
  healthTimer.unref();
  return {
    handleRequest: createApp({
      snapshot: () => current,
      health: healthReport,
      logger,
      ...(audience === undefined
        ? {}
        : { audience: { counter: audience, ...(statsToken === undefined ? {} : { statsToken }) } }),
      metrics: {
        registry: metrics,
        ...(config.metricsToken === undefined ? {} : { token: config.metricsToken }),
      },
      ...(articleApi ? { articleApi } : {}),
      ...(media === undefined || copies === undefined
        ? {}
        : { media: { folder: media, copies: copies.copies } }),
      ...(images === undefined || imageCopies === undefined
        ? {}
        : {
            images: { folder: images, copies: imageCopies.copies, isPublished: isImagePublished },
          }),
      ...(members === undefined ? {} : { members }),
    }),
    snapshot: () => current,
    health: healthReport,
    refresh,
    close: () => {
      clearInterval(healthTimer);
      cancelWake();
      stopWatchingMembers();
      stopWatchingFolder();
      stopWatching();
      stopWatchingMedia();
      stopWatchingImages();
      hubNotifier?.close();
      copies?.remove();
      imageCopies?.remove();
      audience?.close();
      articleIndex?.close();
    },
    hubsSettled: () => hubNotifier?.settled() ?? Promise.resolve(),
    ...(audience === undefined ? {} : { audience }),
    metrics,
  };
}
