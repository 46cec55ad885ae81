// Opening the article store at start: through the article index in STATE_DIR when there is one
// (a restart re-reads only changed files), with a progress line for large folders.
import { mkdirSync } from "node:fs";
import type { Logger } from "../log.js";
import type { ImageFolder } from "../media/image-folder.js";
import type { MediaFolder } from "../media/media-folder.js";
import { siteStateFile } from "../state/state-files.js";
import { ArticleIndex, indexParserKey } from "./article-index.js";
import type { ReadProgress } from "./indexed-read.js";
import type { RenderBound } from "./off-thread-body.js";
import { ArticleStore } from "./store.js";

export interface StoreSettings {
  articlesDir: string;
  idPrefix: string;
  followSymlinks: boolean;
  maxArticleBytes?: number;
  /** Bytes of indexed articles' bodies kept once read from their files (BODY_CACHE_MB). */
  bodyCacheBytes?: number;
  stateDir?: string;
  media?: MediaFolder;
  /** Renders Markdown bodies off the main thread, bounded in time (off-thread-body.ts). */
  render?: RenderBound;
  images?: ImageFolder;
}

/** The article index in STATE_DIR, so a restart re-reads only changed files; none without one. */
function openArticleIndex(config: StoreSettings, logger: Logger): ArticleIndex | undefined {
  if (config.stateDir === undefined) return undefined;
  const warn = (message: string, error: unknown) =>
    logger.warn(message, { error: error instanceof Error ? error.message : String(error) });
  try {
    mkdirSync(config.stateDir, { recursive: true });
  } catch (error) {
    warn("the state folder cannot be made; every start reads every file", error);
    return undefined;
  }
  const file = siteStateFile(config.stateDir, config.articlesDir, "article-index", "sqlite");
  return ArticleIndex.open(file, indexParserKey(config.idPrefix), warn);
}

/** Stores this large say how far their reading has come, and how long it took. */
const progressFrom = 20_000;

function readingReporter(logger: Logger): (progress: ReadProgress) => void {
  const started = performance.now();
  let lastSaid = started;
  return (progress) => {
    if (progress.total < progressFrom) return;
    const now = performance.now();
    const done = progress.done === progress.total;
    if (!done && now - lastSaid < 5_000) return;
    lastSaid = now;
    logger.info(done ? "articles read" : "reading articles", {
      ...progress,
      ms: Math.round(now - started),
    });
  };
}

/** The store of `articlesDir`, read through the index when STATE_DIR allows one. */
export async function openIndexedStore(
  settings: StoreSettings,
  logger: Logger,
): Promise<{ store: ArticleStore; articleIndex: ArticleIndex | undefined }> {
  const articleIndex = openArticleIndex(settings, logger);
  const store = await ArticleStore.open(
    settings.articlesDir,
    {
      idPrefix: settings.idPrefix,
      followSymlinks: settings.followSymlinks,
      ...(settings.maxArticleBytes === undefined
        ? {}
        : { maxArticleBytes: settings.maxArticleBytes }),
      ...(settings.bodyCacheBytes === undefined ? {} : { bodyCacheBytes: settings.bodyCacheBytes }),
      ...(settings.media === undefined ? {} : { media: settings.media }),
      ...(settings.render === undefined ? {} : { render: settings.render }),
      ...(settings.images === undefined ? {} : { images: settings.images }),
    },
    articleIndex === undefined
      ? undefined
      : { index: articleIndex, onProgress: readingReporter(logger) },
  );
  return { store, articleIndex };
}
