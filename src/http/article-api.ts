// The publishing API under /api/articles: list, read, create, replace and delete articles. It
// writes the same files a person would put in the articles folder, checks every write with the
// file parser's own schema and the feed gate before touching the disk, and serializes writes so
// If-Match (optimistic concurrency) means what it says.
import { createHash, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import express, { type Request, type RequestHandler, type Router } from "express";
import { DateTime } from "luxon";
import { readEpisodeMedia } from "../articles/episode-media.js";
import { sortNewestFirst } from "../articles/load.js";
import { ArticleError, parseArticle, splitFrontMatter } from "../articles/parse.js";
import { publicationStatus, scheduledArticles } from "../articles/schedule.js";
import { slugFromTitle } from "../articles/slug.js";
import { articleFileText, removeFile, writeFileAtomic } from "../articles/write.js";
import type { MediaFolder } from "../media/media-folder.js";
import type { Article } from "../model.js";
import type { InvalidFeed } from "../renditions/build-site.js";
import { absoluteUrl, articlePath } from "../urls.js";
import { HttpError } from "./errors.js";

export interface ArticleApiDependencies {
  articlesDir: string;
  /** The bearer token every request must carry. */
  token: string;
  siteUrl: string;
  idPrefix: string;
  /** Every stored article, newest first: those in publication and those still under embargo. */
  storedArticles(): readonly Article[];
  /** Re-reads the named files and publishes the result before resolving. */
  refresh(names: readonly string[]): Promise<string[]>;
  /** The feeds that would fail the gate if the site held exactly these articles. */
  checkArticles(articles: readonly Article[]): readonly InvalidFeed[];
  /** The current time, for `published` when a new article names none. */
  now(): DateTime;
  /** Requests a minute per client address (API_RATE_LIMIT); 60 when not given. */
  rateLimit?: number;
  /** Where episodes' media files are read, as the store reads them. */
  media?: MediaFolder;
}

/** Request bodies larger than this are refused with 413. */
export const maxBodyBytes = 1024 * 1024;

/** Arrays and objects nested deeper than this are refused (422) before anything recurses. */
export const maxJsonDepth = 16;

/** Whether arrays and objects nest deeper than `limit` in a parsed JSON value (no recursion). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current !== "object" || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/** writeFileAtomic, with a full disk or quota answered as 507 (nothing was changed). */
async function storeFile(dir: string, file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(dir, file, text);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOSPC" || code === "EDQUOT") {
      throw new HttpError(
        507,
        `The article could not be stored: no space left on the server's disk (${code}); nothing was changed`,
        { cause: error },
      );
    }
    throw error;
  }
}

const fileNamePattern = /^[a-z0-9][a-z0-9-]*$/;

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Bearer token check in constant time (digests of equal length are compared). */
/** Requests must carry `Authorization: Bearer <token>`: 401 without one, 403 for another. */
export function requireToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new HttpError(401, "An API token is required: send Authorization: Bearer <token>", {
        headers: { "WWW-Authenticate": 'Bearer realm="wirefeed"' },
      });
    }
    if (!timingSafeEqual(digest(match[1] ?? ""), expected))
      throw new HttpError(403, "The API token is not valid");
    next();
  };
}

function etagOf(fileText: string): string {
  return `"${createHash("sha256").update(fileText).digest("base64url").slice(0, 27)}"`;
}

/** RFC 9110 §13.1.1: If-Match with strong comparison; "*" matches any current file. */
function checkIfMatch(req: Request, currentEtag: string | undefined): void {
  const header = req.get("if-match");
  if (header === undefined) return;
  const candidates = header.split(",").map((value) => value.trim());
  const matches =
    currentEtag !== undefined && (candidates.includes("*") || candidates.includes(currentEtag));
  if (!matches) {
    throw new HttpError(
      412,
      "The article changed since you read it (If-Match does not match); read it again",
      {
        ...(currentEtag === undefined ? {} : { headers: { ETag: currentEtag } }),
      },
    );
  }
}

interface StoredArticle {
  article: Article;
  fileText: string;
  etag: string;
}

/** The JSON body as front matter fields plus `body`; refuses anything that is not an object. */
function readInput(req: Request): { fields: Record<string, unknown>; body: string } {
  if (!req.is("application/json")) throw new HttpError(415, "Send the article as application/json");
  const input: unknown = req.body;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new HttpError(422, "The request body must be a JSON object", {
      problems: ["body: expected an object"],
    });
  }
  if (nestsDeeperThan(input, maxJsonDepth)) {
    throw new HttpError(422, "The request body nests too deeply", {
      problems: [`request: arrays and objects nested more than ${maxJsonDepth} levels deep`],
    });
  }
  const { body, ...fields } = input as Record<string, unknown>;
  if (typeof body !== "string") {
    throw new HttpError(422, "The article is not valid", {
      problems: [body === undefined ? "body: required" : "body: expected a string"],
    });
  }
  return { fields, body };
}

/** The article as JSON: its front matter as written, its body, and where it lives. */
function describe(stored: StoredArticle, siteUrl: string): Record<string, unknown> {
  const { frontMatter, body } = splitFrontMatter(stored.article.file, stored.fileText);
  return {
    ...frontMatter,
    id: stored.article.id,
    slug: stored.article.slug,
    body,
    file: stored.article.file,
    url: absoluteUrl(siteUrl, articlePath(stored.article.slug)),
  };
}

export function articleApi(deps: ArticleApiDependencies): Router {
  const router = express.Router();
  router.use(requireToken(deps.token));
  router.use(express.json({ limit: maxBodyBytes, strict: true }));

  let writing: Promise<unknown> = Promise.resolve();
  /** Runs writes one at a time, so a read-check-write sequence cannot interleave with another. */
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const result = writing.then(task);
    writing = result.catch(() => {});
    return result;
  };

  const findBySlug = (slug: string): Article | undefined =>
    deps.storedArticles().find((article) => article.slug === slug);

  async function load(slug: string): Promise<StoredArticle> {
    const article = findBySlug(slug);
    if (article === undefined) throw new HttpError(404, `No article with slug "${slug}"`);
    let fileText: string;
    try {
      fileText = await readFile(path.join(deps.articlesDir, article.file), "utf8");
    } catch (error) {
      if (errorCode(error) !== "ENOENT") throw error;
      // Removed behind the store's back, before the watcher said so: catch up now.
      await deps.refresh([article.file]);
      throw new HttpError(404, `No article with slug "${slug}": its file was removed`, {
        cause: error,
      });
    }
    return { article, fileText, etag: etagOf(fileText) };
  }

  /** Parses the would-be file exactly as the store will, then asks the feed gate about it. */
  async function check(file: string, fileText: string, replacing?: Article): Promise<Article> {
    let article: Article;
    try {
      article = parseArticle(file, fileText, { idPrefix: deps.idPrefix });
      article = await readEpisodeMedia(article, deps.media);
    } catch (error) {
      if (error instanceof ArticleError) {
        throw new HttpError(422, "The article is not valid", {
          problems: error.problems,
          cause: error,
        });
      }
      throw error;
    }
    const others = deps.storedArticles().filter((existing) => existing !== replacing);
    const clash = others.find(
      (existing) => existing.slug === article.slug || existing.id === article.id,
    );
    if (clash) {
      const field = clash.slug === article.slug ? "slug" : "id";
      throw new HttpError(409, `Another article already has this ${field}`, {
        problems: [
          `${field}: "${field === "slug" ? article.slug : article.id}" is used by ${clash.file}`,
        ],
      });
    }
    const invalid = deps.checkArticles(sortNewestFirst([...others, article]));
    if (invalid.length > 0) {
      throw new HttpError(422, "The feeds would not be valid with this article", {
        problems: invalid.flatMap((feed) =>
          feed.problems.map((problem) => `${feed.path}: ${problem}`),
        ),
      });
    }
    return article;
  }

  async function respondWith(res: express.Response, status: number, file: string): Promise<void> {
    const slugOf = deps.storedArticles().find((article) => article.file === file)?.slug;
    if (slugOf === undefined)
      throw new HttpError(500, `the written file ${file} was not published`);
    const stored = await load(slugOf);
    res
      .status(status)
      .set("ETag", stored.etag)
      .set("Cache-Control", "no-store")
      .json(describe(stored, deps.siteUrl));
  }

  router.get("/", (req, res) => {
    const limit = Math.min(Math.max(Number(req.query.limit ?? 100) || 100, 1), 1000);
    const offset = Math.max(Number(req.query.offset ?? 0) || 0, 0);
    // ?status=scheduled lists only the articles whose embargo has not lifted, soonest first.
    const now = deps.now().toMillis();
    const articles =
      req.query.status === "scheduled"
        ? scheduledArticles(deps.storedArticles(), now)
        : deps.storedArticles();
    res.set("Cache-Control", "no-store").json({
      total: articles.length,
      offset,
      limit,
      articles: articles.slice(offset, offset + limit).map((article) => ({
        id: article.id,
        slug: article.slug,
        title: article.title,
        published: article.published.toISO(),
        updated: article.updated?.toISO() ?? null,
        expires: article.expires?.toISO() ?? null,
        status: publicationStatus(article, now),
        file: article.file,
        url: absoluteUrl(deps.siteUrl, articlePath(article.slug)),
      })),
    });
  });

  router.get("/:slug", async (req, res) => {
    const stored = await load(req.params.slug as string);
    res
      .set("ETag", stored.etag)
      .set("Cache-Control", "no-store")
      .json(describe(stored, deps.siteUrl));
  });

  router.post("/", async (req, res) => {
    const { fields, body } = readInput(req);
    await serialize(async () => {
      // A title with no letters or digits to spare still gets a file: its problems are reported
      // by the schema below, together with any other.
      const slug =
        typeof fields.slug === "string"
          ? fields.slug
          : slugFromTitle(String(fields.title ?? "")) ||
            `article-${deps.now().toMillis().toString(36)}`;
      if (!fileNamePattern.test(slug)) {
        throw new HttpError(422, "The article is not valid", {
          problems: ["slug: expected lowercase letters, digits and hyphens, such as my-story"],
        });
      }
      const file = `${slug}.md`;
      if (deps.storedArticles().some((article) => article.file === file)) {
        throw new HttpError(409, "An article file with this name exists", {
          problems: [`slug: "${slug}" is used by ${file}`],
        });
      }
      const frontMatter = {
        ...fields,
        id: fields.id ?? `${deps.idPrefix}${slug}`,
        slug,
        published:
          fields.published ??
          deps.now().toUTC().startOf("second").toISO({ suppressMilliseconds: true }),
      };
      const fileText = articleFileText(frontMatter, body);
      await check(file, fileText);
      await storeFile(deps.articlesDir, file, fileText);
      await deps.refresh([file]);
      res.set("Location", `/api/articles/${slug}`);
      await respondWith(res, 201, file);
    });
  });

  router.put("/:slug", async (req, res) => {
    const { fields, body } = readInput(req);
    await serialize(async () => {
      const stored = await load(req.params.slug as string);
      checkIfMatch(req, stored.etag);
      const current = stored.article;
      const problems: string[] = [];
      if (fields.id !== undefined && fields.id !== current.id)
        problems.push("id: cannot change; it is the article's permanent identity");
      if (fields.published !== undefined) {
        const published =
          typeof fields.published === "string" ? DateTime.fromISO(fields.published) : undefined;
        if (published?.isValid && published.toMillis() !== current.published.toMillis()) {
          problems.push("published: cannot move; set updated instead");
        }
      }
      if (problems.length > 0) throw new HttpError(422, "The article is not valid", { problems });
      const previous = splitFrontMatter(current.file, stored.fileText).frontMatter;
      const frontMatter = {
        ...fields,
        id: current.id,
        published: fields.published ?? previous.published,
      };
      const fileText = articleFileText(frontMatter, body);
      await check(current.file, fileText, current);
      await storeFile(deps.articlesDir, current.file, fileText);
      await deps.refresh([current.file]);
      await respondWith(res, 200, current.file);
    });
  });

  router.delete("/:slug", async (req, res) => {
    await serialize(async () => {
      const stored = await load(req.params.slug as string);
      checkIfMatch(req, stored.etag);
      await removeFile(deps.articlesDir, stored.article.file);
      await deps.refresh([stored.article.file]);
      res.status(204).set("Cache-Control", "no-store").end();
    });
  });

  // Any other path under /api/articles answers in JSON like the rest of the API.
  router.use(() => {
    throw new HttpError(404, "No such API resource: use /api/articles or /api/articles/:slug");
  });

  return router;
}
