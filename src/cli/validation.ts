// The core of `npm run validate`: what the server would serve, or any feed document, checked by
// the validators the site build runs, as problems that name their place. No printing, no exit:
// src/cli/validate.ts does both.
import { type FileHandle, open } from "node:fs/promises";
import path from "node:path";
import { ArticleIndex } from "../articles/article-index.js";
import { arrangeArticles, readArticleFiles } from "../articles/load.js";
import { MemoryHolderRecord, modifiedAt } from "../articles/name-holders.js";
import { assignedPodcastGuid, unpinnedGuidAdvice } from "../feeds/build-podcast.js";
import { feedFormats } from "../formats/index.js";
import { ImageFolder } from "../media/image-folder.js";
import { MediaFolder } from "../media/media-folder.js";
import { buildSite } from "../renditions/site/build-site.js";
import type { ServiceConfig } from "../service.js";
import { siteStateFile } from "../state/state-files.js";
import { detectFeedKind, type FeedKind, validateFeedText } from "../validate/index.js";

/** One fault, at a place: an article file, a feed's URL path, or the file or URL given. */
export interface ReportedProblem {
  location: string;
  line?: number;
  column?: number;
  message: string;
}

export interface StoreReport {
  articleFiles: number;
  feeds: number;
  problems: ReportedProblem[];
  /**
   * What is not a fault (the exit status stays 0): a cosmetic fault an article is published
   * cleaned of ("articles/x.md: tags.1: empty; left out"), a lead image left out ("articles/x.md:
   * image: …"), a podcast:guid to pin.
   */
  warnings: string[];
}

/** What was asked to be checked cannot be read: a folder, a file, a URL. Nothing was checked. */
export class InputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "InputError";
  }
}

export const fetchTimeoutMs = 10_000;

/** `<location>:<line>:<column>: <message>`, without the parts that are not known; one line. */
export function formatProblem(problem: ReportedProblem): string {
  let place = problem.location;
  if (problem.line !== undefined) {
    place += `:${problem.line}`;
    if (problem.column !== undefined) place += `:${problem.column}`;
  }
  return `${place}: ${problem.message.replace(/\s*[\r\n]+\s*/g, " ")}`;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch() fails with "fetch failed" and keeps the useful part (ECONNREFUSED ...) as its cause.
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
    return cause.message || code || error.message;
  }
  return error.message;
}

/** A path relative to `cwd` when it lies inside it (articles/x.md), absolute otherwise. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative)
    ? file
    : relative;
}

/**
 * Who holds each id and slug as the server recorded it (its article index in STATE_DIR), read
 * only: validate names the same newcomer the server refuses, and changes nothing.
 */
function recordedHolders(config: ServiceConfig): MemoryHolderRecord {
  if (config.stateDir === undefined) return new MemoryHolderRecord();
  const file = siteStateFile(config.stateDir, config.articlesDir, "article-index", "sqlite");
  return new MemoryHolderRecord(ArticleIndex.readHolders(file));
}

/**
 * Reads every article file in the configured folder and builds every feed the server would
 * serve, then checks each feed with the validator the server's gate runs. The build itself is
 * given a gate that lets everything through, so that a feed the server would refuse is still
 * there to be checked and reported with its lines and columns.
 */
export async function validateStore(
  config: ServiceConfig,
  cwd: string = process.cwd(),
): Promise<StoreReport> {
  const { articlesDir, site, siteUrl } = config;
  let files: Awaited<ReturnType<typeof readArticleFiles>>;
  try {
    const followSymlinks = config.followSymlinks ?? false;
    files = await readArticleFiles(articlesDir, {
      idPrefix: site.idPrefix,
      followSymlinks,
      ...(config.maxArticleBytes === undefined ? {} : { maxArticleBytes: config.maxArticleBytes }),
      ...(config.mediaDir === undefined
        ? {}
        : { media: new MediaFolder(config.mediaDir, { followSymlinks }) }),
      ...(config.imagesDir === undefined
        ? {}
        : { images: new ImageFolder(config.imagesDir, { followSymlinks }) }),
    });
  } catch (error) {
    throw new InputError(`${articlesDir}: cannot read the articles folder: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  const loaded = arrangeArticles([...files.values()], {
    record: recordedHolders(config),
    modifiedAt: modifiedAt(articlesDir),
  });
  const problems: ReportedProblem[] = loaded.problems.map((problem) => ({
    location: displayPath(path.join(articlesDir, problem.file), cwd),
    message: problem.message,
  }));
  const articleWarnings = loaded.warnings.map(
    (warning) => `${displayPath(path.join(articlesDir, warning.file), cwd)}: ${warning.message}`,
  );

  const snapshot = buildSite(loaded.articles, loaded.problems, {
    site,
    siteUrl,
    validate: () => [],
  });
  const kindOf = new Map(feedFormats.map((format) => [format.fileName, format.name]));
  for (const urlPath of snapshot.feedPaths) {
    const rendition = snapshot.renditions.get(urlPath);
    if (rendition === undefined) {
      problems.push({ location: urlPath, message: "the feed was not built" });
      continue;
    }
    const kind = kindOf.get(urlPath.slice(urlPath.lastIndexOf("/") + 1));
    problems.push(...validateDocument(urlPath, rendition.body.toString("utf8"), kind));
  }
  const warnings: string[] = [...articleWarnings];
  if (site.podcast !== undefined) {
    const assigned = assignedPodcastGuid(site.podcast, siteUrl);
    if (!assigned.pinned) warnings.push(unpinnedGuidAdvice(assigned.guid));
  }
  return { articleFiles: files.size, feeds: snapshot.feedPaths.length, problems, warnings };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Checks one feed document. The format is `kind` when given, else detected from the text; a
 * document whose format cannot be told is one problem. Bytes must be UTF-8 (a BOM is allowed).
 */
export function validateDocument(
  location: string,
  document: string | Uint8Array,
  kind?: FeedKind,
): ReportedProblem[] {
  let text: string;
  if (typeof document === "string") {
    text = document;
  } else {
    try {
      text = utf8.decode(document);
    } catch {
      return [{ location, message: "the document is not valid UTF-8; feeds must be UTF-8" }];
    }
  }
  const format = kind ?? detectFeedKind(text);
  if (format === undefined) {
    return [{ location, message: "cannot tell whether this is RSS, Atom or JSON Feed" }];
  }
  return validateFeedText(format, text).map((problem) => ({ location, ...problem }));
}

export function isHttpUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

const acceptFeeds =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

/**
 * Opens a feed file, or fetches an http(s) URL (2xx only, 10 s at most for the whole body), and
 * gives its bytes chunk by chunk, so that a large feed is never held whole. A file that cannot be
 * opened or a URL that cannot be fetched throws InputError here; a failure while reading, from the
 * iteration.
 */
export async function openInput(
  input: string,
  timeoutMs: number = fetchTimeoutMs,
): Promise<AsyncIterable<Uint8Array>> {
  if (!isHttpUrl(input)) {
    let handle: FileHandle;
    try {
      handle = await open(input, "r");
    } catch (error) {
      throw new InputError(`${input}: cannot read the file: ${reasonOf(error)}`, { cause: error });
    }
    return guarded(
      handle.createReadStream({ highWaterMark: 1 << 16 }),
      `${input}: cannot read the file`,
    );
  }
  try {
    const response = await fetch(input, {
      headers: { accept: acceptFeeds, "user-agent": "wirefeed-validate" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new InputError(
        `${input}: cannot fetch: HTTP ${response.status} ${response.statusText}`.trimEnd(),
      );
    }
    return guarded(response.body ?? [], `${input}: cannot fetch`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${input}: cannot fetch: ${reasonOf(error)}`, { cause: error });
  }
}

async function* guarded(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>,
  what: string,
): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of chunks) {
      yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    }
  } catch (error) {
    throw new InputError(`${what}: ${reasonOf(error)}`, { cause: error });
  }
}
