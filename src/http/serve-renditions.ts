// Answers GET and HEAD for every prebuilt rendition straight from memory, before Express: the
// response headers of each variant are computed once, the content coding is picked from the
// precomputed copies, and conditional requests go through the `fresh` module (RFC 9110:
// If-None-Match with weak comparison first, If-Modified-Since compared as a date otherwise).
// Everything else (other methods, unknown paths) is left to the Express application.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import fresh from "fresh";
import Negotiator from "negotiator";
import type { ContentEncoding, Rendition, RenditionVariant } from "../renditions/rendition.js";
import type { RenditionTable } from "../renditions/rendition-table.js";
import type { SiteSnapshot } from "../renditions/site/site-snapshot.js";
import { HttpError } from "./errors.js";
import { renditionHeaders, type VariantHeaders } from "./rendition-headers.js";

const encodingsByPreference: ContentEncoding[] = ["br", "gzip", "identity"];

/**
 * negotiator 1.1 breaks ties between equal q-values with a server preference (`preferred`);
 * without it the coding the client lists first wins, and Chromium lists gzip before br. The
 * option is missing from @types/negotiator, so this names the one call that takes it.
 */
interface EncodingNegotiator {
  encoding(
    available: readonly string[],
    options: { preferred: readonly string[] },
  ): string | undefined;
}
const encodingByHeader = new Map<string, ContentEncoding>();
const encodingCacheLimit = 256;

/**
 * The coding for an Accept-Encoding value, memoized: the highest q-value wins (negotiator's
 * reading), and among equals br before gzip before identity, whatever order the client lists them.
 */
function chooseEncoding(header: string | undefined): ContentEncoding {
  const key = header ?? "";
  let encoding = encodingByHeader.get(key);
  if (encoding === undefined) {
    const negotiator = new Negotiator({
      headers: { "accept-encoding": header },
    }) as unknown as EncodingNegotiator;
    const accepted = negotiator.encoding(encodingsByPreference, {
      preferred: encodingsByPreference,
    });
    encoding = accepted === "br" || accepted === "gzip" ? accepted : "identity";
    if (encodingByHeader.size >= encodingCacheLimit) encodingByHeader.clear();
    encodingByHeader.set(key, encoding);
  }
  return encoding;
}

/**
 * Whether the client's copy is current. Unlike Express's req.fresh, a request's
 * `Cache-Control: no-cache` does not turn a matching conditional into a 200: that directive is
 * for caches on the way (RFC 9111 §5.2.1.4), while an origin evaluates If-None-Match and
 * If-Modified-Since as RFC 9110 §13.2.2 says. fetch() adds it to every conditional request.
 */
function clientCopyIsCurrent(
  req: IncomingMessage,
  variant: RenditionVariant,
  headers: VariantHeaders,
): boolean {
  const { "if-none-match": ifNoneMatch, "if-modified-since": ifModifiedSince } = req.headers;
  if (ifNoneMatch === undefined && ifModifiedSince === undefined) return false;
  return fresh(
    { "if-none-match": ifNoneMatch, "if-modified-since": ifModifiedSince },
    { etag: variant.etag, "last-modified": headers.notModified["Last-Modified"] as string },
  );
}

/** The path of a request target, without its query. */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}

/**
 * Told about every feed request before it is answered (status and body bytes it is about to get);
 * returns the seconds of a Retry-After to refuse it with 429 instead (see audience/audience.ts).
 */
export type FeedRequestObserver = (
  req: IncomingMessage,
  rendition: Rendition,
  status: 200 | 304,
  bytes: number,
) => number | undefined;

function refuse(res: ServerResponse, retryAfter: number): void {
  res
    .writeHead(429, {
      "Content-Type": "text/plain; charset=utf-8",
      "Retry-After": String(retryAfter),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    })
    .end(
      "Too many unconditional downloads of an unchanged feed: send If-None-Match with the ETag " +
        "you were given (a 304 is never refused), or retry after the seconds in Retry-After.\n",
    );
}

export interface RenditionHooks {
  observeFeedRequest?: FeedRequestObserver;
  /** Told the status and coding of every answer given from memory (for /metrics). */
  countResponse?: (kind: "feed" | "page", status: number, encoding: ContentEncoding) => void;
}

/** Answers a GET or HEAD for a rendition in `table`; returns false when it is not one. */
export function serveFromMemory(
  req: IncomingMessage,
  res: ServerResponse,
  table: RenditionTable,
  hooks: RenditionHooks = {},
): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const rendition = table.get(pathOf(req));
  if (rendition === undefined) return false;
  const encoding = chooseEncoding(req.headers["accept-encoding"]);
  const variant = rendition.readyVariant(encoding);
  if (variant !== undefined) answer(req, res, rendition, variant, hooks);
  else {
    // Its compressed copy is being made (just published): answered once it is.
    rendition
      .variantWhenMade(encoding)
      .then((made) => answer(req, res, rendition, made, hooks))
      .catch((error: unknown) => res.destroy(error instanceof Error ? error : undefined));
  }
  return true;
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  rendition: Rendition,
  variant: RenditionVariant,
  hooks: RenditionHooks,
): void {
  const { observeFeedRequest, countResponse } = hooks;
  const headers = renditionHeaders(rendition, variant);
  const current = clientCopyIsCurrent(req, variant, headers);
  if (observeFeedRequest !== undefined && rendition.kind === "feed") {
    const bytes = current || req.method === "HEAD" ? 0 : variant.body.length;
    const retryAfter = observeFeedRequest(req, rendition, current ? 304 : 200, bytes);
    if (retryAfter !== undefined) {
      refuse(res, retryAfter);
      countResponse?.(rendition.kind, 429, "identity");
      return;
    }
  }
  if (current) {
    res.writeHead(304, headers.notModified).end();
  } else {
    res.writeHead(200, headers.ok).end(req.method === "HEAD" ? undefined : variant.body);
  }
  countResponse?.(rendition.kind, current ? 304 : 200, variant.encoding);
}

/**
 * For paths serveFromMemory declined. A GET or HEAD it declined for a path in the table, or for a
 * feed recorded as failed, is a feed that failed validation and has no earlier valid version
 * (eager feeds are left out of the table then, lazy ones stay in it and make nothing): 503. Other
 * methods on a rendition get 405.
 */
export function renditionGuards(snapshot: () => SiteSnapshot): RequestHandler {
  return (req, _res, next) => {
    const current = snapshot();
    const inTable = current.renditions.has(req.path);
    const reading = req.method === "GET" || req.method === "HEAD";
    if (reading && (inTable || current.invalidFeeds.some((feed) => feed.path === req.path))) {
      throw new HttpError(
        503,
        "This feed failed validation and has no earlier valid version; see /healthz",
        { headers: { "Retry-After": "60" } },
      );
    }
    if (inTable || current.invalidFeeds.some((feed) => feed.path === req.path)) {
      throw new HttpError(405, "Method not allowed", { headers: { Allow: "GET, HEAD" } });
    }
    next();
  };
}
