// The publishing API under /api/articles: list, read, create, replace and delete articles. The
// router maps HTTP to the article writer (articles/article-writer.ts), which checks, serializes
// and performs every write, and maps the writer's refusals to statuses: 422 invalid, 409 taken
// or unreadable file, 404, 412 for an If-Match that no longer matches, 507 for a full disk.
import { createHash, timingSafeEqual } from "node:crypto";
import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from "express";
import type { DateTime } from "luxon";
import type { ArticleWriter, StoredArticle } from "../articles/article-writer.js";
import { splitFrontMatter } from "../articles/parse.js";
import { publicationStatus, scheduledArticles } from "../articles/schedule.js";
import {
  ArticleChangedError,
  ArticleConflictError,
  ArticleNotFoundError,
  ArticleWriteError,
  InvalidArticleError,
  StorageFullError,
} from "../articles/write-errors.js";
import type { Article } from "../model.js";
import { absoluteUrl, articlePath } from "../urls.js";
import { HttpError } from "./errors.js";

export interface ArticleApiDependencies {
  /** The bearer token every request must carry. */
  token: string;
  siteUrl: string;
  /** Every stored article, newest first: those in publication and those still under embargo. */
  storedArticles(): readonly Article[];
  /** Reads and writes the articles; its errors say which status to answer. */
  writer: ArticleWriter;
  /** The current time, for the status of scheduled articles. */
  now(): DateTime;
  /** Requests a minute per client address (API_RATE_LIMIT); 60 when not given. */
  rateLimit?: number;
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

/** The statuses of the writer's refusals; anything else is left to the error middleware (500). */
function httpErrorOf(error: unknown): unknown {
  if (!(error instanceof ArticleWriteError)) return error;
  const options = { problems: error.problems, cause: error };
  if (error instanceof ArticleChangedError) {
    return new HttpError(412, error.message, {
      ...options,
      ...(error.currentEtag === undefined ? {} : { headers: { ETag: error.currentEtag } }),
    });
  }
  const status =
    error instanceof InvalidArticleError
      ? 422
      : error instanceof ArticleConflictError
        ? 409
        : error instanceof ArticleNotFoundError
          ? 404
          : error instanceof StorageFullError
            ? 507
            : 500;
  return new HttpError(status, error.message, options);
}

/** If-Match as a list of entity tags (RFC 9110 §13.1.1), or undefined without one. */
function ifMatchOf(req: Request): string[] | undefined {
  return req
    .get("if-match")
    ?.split(",")
    .map((value) => value.trim());
}

function respond(res: Response, status: number, stored: StoredArticle, siteUrl: string): void {
  res
    .status(status)
    .set("ETag", stored.etag)
    .set("Cache-Control", "no-store")
    .json(describe(stored, siteUrl));
}

export function articleApi(deps: ArticleApiDependencies): Router {
  const router = express.Router();
  router.use(requireToken(deps.token));
  router.use(express.json({ limit: maxBodyBytes, strict: true }));
  const { writer } = deps;

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
    respond(res, 200, await writer.read(req.params.slug as string), deps.siteUrl);
  });

  router.post("/", async (req, res) => {
    const created = await writer.create(readInput(req));
    res.set("Location", `/api/articles/${created.article.slug}`);
    respond(res, 201, created, deps.siteUrl);
  });

  router.put("/:slug", async (req, res) => {
    const draft = readInput(req);
    const replaced = await writer.replace(req.params.slug as string, draft, ifMatchOf(req));
    respond(res, 200, replaced, deps.siteUrl);
  });

  router.delete("/:slug", async (req, res) => {
    await writer.remove(req.params.slug as string, ifMatchOf(req));
    res.status(204).set("Cache-Control", "no-store").end();
  });

  // Any other path under /api/articles answers in JSON like the rest of the API.
  router.use(() => {
    throw new HttpError(404, "No such API resource: use /api/articles or /api/articles/:slug");
  });
  router.use(((error, _req, _res, next) => next(httpErrorOf(error))) satisfies ErrorRequestHandler);

  return router;
}
