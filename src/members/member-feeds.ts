// Serves /private/<token>/...: the member edition of the site (full bodies, members-only
// episodes) for one subscriber. The member edition is built and checked by the feed gate like
// the public one, with a placeholder where the token goes; a response puts the subscriber's token
// in its place and signs the media links in it, so every byte served was validated (the token
// and the signature are URL-safe text in a URL). Responses are private: no shared cache, never
// in the static export.
import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type RequestHandler, type Router } from "express";
import fresh from "fresh";
import Negotiator from "negotiator";
import { HttpError } from "../http/errors.js";
import { renditionHeaders } from "../http/rendition-headers.js";
import { pathOf } from "../http/serve-renditions.js";
import { Rendition } from "../renditions/rendition.js";
import type { SiteSnapshot } from "../renditions/site/site-snapshot.js";
import type { MemberRegistry } from "./registry.js";
import type { AddressesPerSubscriber } from "./sharing.js";
import type { MemberTokens } from "./tokens.js";

/** Stands for the subscriber's token in the member edition's URLs until a response is made. */
export const memberTokenPlaceholder = "member-token-placeholder";

/** The member edition's site URL: the public one under /private/<token>. */
export function memberSiteUrl(siteUrl: string): string {
  return `${siteUrl}/private/${memberTokenPlaceholder}`;
}

export interface MemberFeedsOptions {
  tokens: MemberTokens;
  registry: MemberRegistry;
  /** The current member edition. */
  snapshot(): SiteSnapshot;
  /** How long a media link in a member feed works (MEMBER_MEDIA_LINK_HOURS). */
  mediaLinkMs: number;
  /** Serves a media file of the folder for a path /<version>/<name>, privately. */
  serveMedia?: RequestHandler;
  now(): number;
  /** The public site's URL, where paths the member edition does not make are sent. */
  siteUrl: string;
  /** Counts the addresses reading each subscriber's feeds. */
  addresses: AddressesPerSubscriber;
  /** Distinct addresses a day one subscriber's feeds may be read from; 0 for no limit. */
  maxAddresses: number;
  /** Told once a day per subscriber whose feeds are read from more addresses than allowed. */
  onShared(subscriberId: string, addresses: number): void;
}

/** Responses made for one subscriber, kept while their source rendition and link window last. */
const cacheLimit = 512;

const mediaLinkPattern = new RegExp(
  `/private/${memberTokenPlaceholder}/media/[0-9a-f]{16}/[^"'<>\\s?&]+`,
  "g",
);

export function memberFeeds(options: MemberFeedsOptions): Router {
  const router = express.Router();
  const made = new Map<string, { source: Rendition; rendition: Rendition }>();

  /** Who the token belongs to, if it is their current, unrevoked one; otherwise 404. */
  const subscriberOf = (token: string) => {
    const holder = options.tokens.holder(token);
    if (holder === undefined || !options.registry.isCurrent(holder.id, holder.version))
      throw new HttpError(404, "No member feed at this address");
    return holder;
  };

  /** The member rendition with this subscriber's token and media signature in it. */
  const personalised = (source: Rendition, token: string): Rendition => {
    // Links stay the same for a whole window (so the bytes, the ETag and 304s do) and work for
    // at least one more.
    const window = Math.floor(options.now() / options.mediaLinkMs);
    const key = `${token} ${source.path} ${window}`;
    const cached = made.get(key);
    if (cached?.source === source) return cached.rendition;
    const access = options.tokens.mediaAccess(token, (window + 2) * options.mediaLinkMs);
    const text = source.body
      .toString("utf8")
      .replace(mediaLinkPattern, (link) => `${link}?access=${access}`)
      .replaceAll(memberTokenPlaceholder, token);
    const rendition = new Rendition({
      path: source.path,
      mediaType: source.mediaType,
      body: text,
      lastModified: source.lastModified,
      maxAgeSeconds: source.maxAgeSeconds,
      kind: source.kind,
      selfUrl: source.selfUrl.replaceAll(memberTokenPlaceholder, token),
      hubs: [],
    });
    if (made.size >= cacheLimit) made.delete(made.keys().next().value as string);
    made.set(key, { source, rendition });
    return rendition;
  };

  const respond = (req: IncomingMessage, res: ServerResponse, rendition: Rendition): void => {
    const accepted = new Negotiator(req).encoding(["gzip", "identity"]);
    const variant = rendition.variant(accepted === "gzip" ? "gzip" : "identity");
    const { ok, notModified } = renditionHeaders(rendition, variant);
    const privately = { "Cache-Control": `private, max-age=${rendition.maxAgeSeconds}` };
    const current =
      (req.headers["if-none-match"] !== undefined ||
        req.headers["if-modified-since"] !== undefined) &&
      fresh(
        {
          "if-none-match": req.headers["if-none-match"],
          "if-modified-since": req.headers["if-modified-since"],
        },
        { etag: variant.etag, "last-modified": notModified["Last-Modified"] as string },
      );
    if (current) res.writeHead(304, { ...notModified, ...privately }).end();
    else
      res
        .writeHead(200, { ...ok, ...privately })
        .end(req.method === "HEAD" ? undefined : variant.body);
  };

  const reported = new Set<string>();
  router.use("/:token", (req, res, next) => {
    const token = req.params.token as string;
    const { id } = subscriberOf(token);
    const now = options.now();
    // The first addresses of the day keep reading; the ones past the limit are refused.
    const rank = options.addresses.note(id, req.socket.remoteAddress ?? "", now);
    if (options.maxAddresses > 0 && rank > options.maxAddresses) {
      const key = `${id} ${Math.floor(now / 86_400_000)}`;
      if (!reported.has(key)) {
        reported.add(key);
        options.onShared(id, rank);
      }
      throw new HttpError(
        429,
        "This member feed has been read from more places today than its subscription allows",
        {
          headers: {
            "Retry-After": String(Math.ceil(options.addresses.untilTomorrow(now) / 1000)),
          },
        },
      );
    }
    if (req.method !== "GET" && req.method !== "HEAD")
      throw new HttpError(405, "Method not allowed", { headers: { Allow: "GET, HEAD" } });
    const path = pathOf(req);
    const access = typeof req.query.access === "string" ? req.query.access : undefined;
    // Anything the member edition does not make itself (an icon, an image, a transcript given as
    // a site path) is the public site's: sent there.
    const publicCopy = () =>
      res.redirect(307, `${options.siteUrl}${req.url.replace(/[?&]access=[^&]*/, "")}`);
    if (path.startsWith("/media/") && access === undefined) {
      publicCopy();
      return;
    }
    if (path.startsWith("/media/") && access !== undefined) {
      if (!options.tokens.mediaAccessIsValid(token, access, options.now()))
        throw new HttpError(403, "This media link has expired; fetch the member feed again");
      if (options.serveMedia === undefined) throw new HttpError(404, "No media folder");
      req.url = req.url.slice("/media".length);
      options.serveMedia(req, res, next);
      return;
    }
    // Feeds are kept under their full path in the member edition, pages under the site path.
    const { renditions } = options.snapshot();
    const source =
      renditions.get(`/private/${memberTokenPlaceholder}${path}`) ?? renditions.get(path);
    if (source === undefined) {
      publicCopy();
      return;
    }
    respond(req, res, personalised(source, token));
  });
  return router;
}
