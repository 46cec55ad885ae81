// Serves the media folder under /media/<version>/<stem>.<version><ext> (and, as older feeds
// wrote it, /media/<version>/<name>), and the images folder under /images/ the same way, where
// the version is the start of the SHA-256 of the file's bytes: a replaced file gets a new URL, so
// every URL can be cached for a
// year as immutable, and an old URL answers 404 instead of other bytes, even while the file is
// being replaced or overwritten: the bytes are served from a copy checked against the version
// (media-copies.ts). Express's static handler (serve-static, which uses `send`) does the HTTP:
// Accept-Ranges, 206 with Content-Range, 416 for a range past the end, HEAD, If-None-Match /
// If-Modified-Since / If-Range, Last-Modified; this adds the version check, a strong ETag (the content hash; send's own is weak), the enclosure's exact
// Content-Type, CORS for web players, and the whole file for a suffix range longer than the file
// (byte-ranges.ts).
import express, { type RequestHandler } from "express";
import { MediaCopies } from "../media/media-copies.js";
import { type ServedFile, servedFileNamePattern } from "../media/served-folder.js";
import type { Article } from "../model.js";
import { mediaFileNameOf } from "../urls.js";
import { clampSuffixRanges } from "./byte-ranges.js";
import { HttpError } from "./errors.js";

/** A year: the longest max-age caches honour. */
export const mediaMaxAgeSeconds = 365 * 24 * 60 * 60;

/** What send writes for maxAge: a year, immutable; export.ts lists the same. */
export const mediaCacheControl = `public, max-age=${mediaMaxAgeSeconds}, immutable`;

interface ServedMedia {
  file: ServedFile;
}

/** A served folder (served-folder.ts): the facts of the current version of a file, or a throw. */
interface VersionedFiles {
  read(name: string): Promise<ServedFile>;
}

function isRangeNotSatisfiable(
  error: unknown,
): error is { status: 416; headers?: Record<string, string> } {
  return typeof error === "object" && error !== null && "status" in error && error.status === 416;
}

/** The file named by /<16 hex digits>/<segment> (see mediaPath), or undefined for any other path. */
function requestedFile(path: string): { version: string; name: string } | undefined {
  const match = /^\/([0-9a-f]{16})\/([^/]+)$/.exec(path);
  if (match === null) return undefined;
  const version = match[1] ?? "";
  let name: string;
  try {
    name = mediaFileNameOf(version, decodeURIComponent(match[2] ?? ""));
  } catch {
    return undefined;
  }
  // "..%2F..%2Fetc%2Fpasswd" decodes to a path: only a plain file name of the folder is served.
  if (!servedFileNamePattern.test(name)) return undefined;
  return { version, name };
}

/** The files a list of articles uses, kept per list: one cache per kind of file. */
function filesUsedBy(
  cache: WeakMap<readonly Article[], ReadonlySet<string>>,
  articles: readonly Article[],
  fileOf: (article: Article) => string | undefined,
): ReadonlySet<string> {
  let files = cache.get(articles);
  if (files === undefined) {
    files = new Set(articles.flatMap((article) => fileOf(article) ?? []));
    cache.set(articles, files);
  }
  return files;
}

const mediaFilesByList = new WeakMap<readonly Article[], ReadonlySet<string>>();
const imageFilesByList = new WeakMap<readonly Article[], ReadonlySet<string>>();

/** The media folder files the episodes of these articles use (kept per list of articles). */
export function publishedMediaFiles(articles: readonly Article[]): ReadonlySet<string> {
  return filesUsedBy(mediaFilesByList, articles, (article) => article.episode?.mediaFile?.file);
}

/** The images folder files these articles show as their lead image (kept per list of articles). */
export function publishedImageFiles(articles: readonly Article[]): ReadonlySet<string> {
  return filesUsedBy(imageFilesByList, articles, (article) =>
    article.image?.url === undefined ? undefined : article.image.file,
  );
}

/**
 * The handler to mount at /media. Unknown files and old versions fall through (404). The bytes
 * come from `copies` (media-copies.ts), never from the media folder itself, which may change
 * under a download. Member feeds serve their media with their own `cacheControl` (private).
 */
export function serveMedia(
  media: VersionedFiles,
  copies: MediaCopies,
  cacheControl = mediaCacheControl,
  /** Whether an episode this edition publishes uses the file; other files are not served. */
  isPublished: (name: string) => boolean = () => true,
): RequestHandler {
  const serveFile = express.static(copies.dir, {
    acceptRanges: true,
    cacheControl: false,
    lastModified: true,
    etag: true,
    dotfiles: "ignore",
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res) => {
      const served = res.locals.media as ServedMedia | undefined;
      if (served === undefined) return;
      // Set before send looks: send keeps an ETag and a Content-Type that are already there.
      res.setHeader("ETag", `"${served.file.version}"`);
      res.setHeader("Cache-Control", cacheControl);
      res.setHeader("Content-Type", served.file.type);
      res.setHeader("Access-Control-Allow-Origin", "*");
      res.setHeader(
        "Access-Control-Expose-Headers",
        "Accept-Ranges, Content-Range, Content-Length, ETag",
      );
      res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
      res.setHeader("X-Content-Type-Options", "nosniff");
    },
  });
  return async (req, res, next) => {
    const requested = requestedFile(req.path);
    // A file no published episode uses (a members-only episode, a file dropped in the folder)
    // is not there for this edition.
    if (requested === undefined || !isPublished(requested.name)) {
      next();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      throw new HttpError(405, "Method not allowed", { headers: { Allow: "GET, HEAD" } });
    }
    let file: ServedFile;
    try {
      file = await media.read(requested.name);
    } catch {
      next();
      return;
    }
    // The file holds other bytes now (or, when the copy fails, they cannot be vouched for).
    if (file.version !== requested.version || !(await copies.ensure(file))) {
      next();
      return;
    }
    res.locals.media = { file } satisfies ServedMedia;
    req.url = MediaCopies.urlPath(file);
    // As for renditions (serve-renditions.ts): a request's Cache-Control: no-cache, which fetch()
    // adds to every conditional request, is for caches on the way; the origin still answers a
    // matching If-None-Match with 304. send would answer 200, so it does not see the directive.
    delete req.headers["cache-control"];
    const range = req.headers.range;
    if (range !== undefined) req.headers.range = clampSuffixRanges(range, file.size);
    serveFile(req, res, (error?: unknown) => {
      if (error === undefined) next();
      else if (isRangeNotSatisfiable(error))
        next(
          new HttpError(416, "Range not satisfiable", {
            headers: error.headers ?? { "Content-Range": `bytes */${file.size}` },
            cause: error,
          }),
        );
      else next(error);
    });
  };
}
