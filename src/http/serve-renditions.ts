// Answers GET and HEAD for every prebuilt rendition from memory: content coding chosen from the
// precomputed copies, conditional GET through the `fresh` module (RFC 9110: If-None-Match with
// weak comparison first, If-Modified-Since compared as a date otherwise).
import type { Request, RequestHandler, Response } from "express";
import fresh from "fresh";
import type { SiteSnapshot } from "../renditions/build-site.js";
import type { ContentEncoding, Rendition } from "../renditions/rendition.js";
import { HttpError } from "./errors.js";

const encodingsByPreference: ContentEncoding[] = ["br", "gzip", "identity"];

function chooseEncoding(req: Request): ContentEncoding {
  const accepted = req.acceptsEncodings(encodingsByPreference);
  return accepted === "br" || accepted === "gzip" ? accepted : "identity";
}

/** Sets every header a 200 for this rendition carries; a 304 repeats them less the body's own. */
function setHeaders(res: Response, rendition: Rendition, encoding: ContentEncoding): Buffer {
  const variant = rendition.variant(encoding);
  res.set({
    "Content-Type": rendition.mediaType,
    "Content-Length": String(variant.body.length),
    ETag: variant.etag,
    "Last-Modified": rendition.lastModified.toUTCString(),
    "Cache-Control": `public, max-age=${rendition.maxAgeSeconds}`,
    Vary: "Accept-Encoding",
    "X-Content-Type-Options": "nosniff",
  });
  if (encoding !== "identity") res.set("Content-Encoding", encoding);
  if (rendition.kind === "feed") {
    res.set("Access-Control-Allow-Origin", "*");
    res.set("Link", `<${rendition.selfUrl}>; rel="self"`);
  }
  return variant.body;
}

/**
 * Whether the client's copy is current. Unlike Express's req.fresh, a request's
 * `Cache-Control: no-cache` does not turn a matching conditional into a 200: that directive is
 * for caches on the way (RFC 9111 §5.2.1.4), while an origin evaluates If-None-Match and
 * If-Modified-Since as RFC 9110 §13.2.2 says. fetch() adds it to every conditional request.
 */
function clientCopyIsCurrent(req: Request, res: Response): boolean {
  const { "cache-control": _ignored, ...conditionals } = req.headers;
  return fresh(conditionals, { etag: res.get("ETag"), "last-modified": res.get("Last-Modified") });
}

export function sendRendition(req: Request, res: Response, rendition: Rendition): void {
  const body = setHeaders(res, rendition, chooseEncoding(req));
  if (clientCopyIsCurrent(req, res)) {
    res.removeHeader("Content-Type");
    res.removeHeader("Content-Length");
    res.removeHeader("Content-Encoding");
    res.status(304).end();
    return;
  }
  res.status(200).end(body);
}

/** Serves the snapshot's renditions; unknown paths fall through to the next handler. */
export function serveRenditions(snapshot: () => SiteSnapshot): RequestHandler {
  return (req, res, next) => {
    const current = snapshot();
    const rendition = current.renditions.get(req.path);
    if (rendition === undefined) {
      const invalid = current.invalidFeeds.find((feed) => feed.path === req.path);
      if (invalid) {
        throw new HttpError(
          503,
          "This feed failed validation and has no earlier valid version; see /healthz",
          {
            headers: { "Retry-After": "60" },
          },
        );
      }
      next();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      throw new HttpError(405, "Method not allowed", { headers: { Allow: "GET, HEAD" } });
    }
    sendRendition(req, res, rendition);
  };
}
