// Builds the request handler: prebuilt renditions straight from memory, everything else through
// Express. No listen here: tests and server.ts each start it their way.
import type { RequestListener } from "node:http";
import express, { type RequestHandler } from "express";
import type { Audience } from "./audience/audience.js";
import { defaultApiRateLimit } from "./config.js";
import { type ArticleApiDependencies, articleApi } from "./http/article-api.js";
import { errorHandler, HttpError } from "./http/errors.js";
import { metricsEndpoint } from "./http/metrics-endpoint.js";
import { apiRateLimit } from "./http/rate-limit.js";
import { originFormOf } from "./http/request-target.js";
import { securityHeaders } from "./http/security-headers.js";
import { mediaCacheControl, publishedMediaFiles, serveMedia } from "./http/serve-media.js";
import { type RenditionHooks, renditionGuards, serveFromMemory } from "./http/serve-renditions.js";
import { statsApi, statsPage } from "./http/stats-api.js";
import type { Logger } from "./log.js";
import type { ImageFolder } from "./media/image-folder.js";
import type { MediaCopies } from "./media/media-copies.js";
import type { MediaFolder } from "./media/media-folder.js";
import { memberApi } from "./members/member-api.js";
import type { MemberRegistry } from "./members/registry.js";
import type { MemberTokens } from "./members/tokens.js";
import type { ServiceMetrics } from "./metrics/service-metrics.js";
import type { HealthReport } from "./publishing-health.js";
import type { SiteSnapshot } from "./renditions/site/site-snapshot.js";

export interface AppDependencies {
  /** The current snapshot; replaced atomically when the articles change. */
  snapshot(): SiteSnapshot;
  /** What /healthz answers (publishing-health.ts). */
  health(): HealthReport;
  logger: Logger;
  /** The publishing API, when an API token is configured. */
  articleApi?: ArticleApiDependencies;
  /** The media folder, served under /media/ from its checked copies. */
  media?: { folder: MediaFolder; copies: MediaCopies };
  /** The images folder, served under /images/ from its checked copies: the images in publication. */
  images?: { folder: ImageFolder; copies: MediaCopies; isPublished(name: string): boolean };
  /** Member feeds (MEMBER_KEY): /private/<token>/..., and /api/members with the API token. */
  members?: {
    feeds: RequestHandler;
    registry: MemberRegistry;
    tokens: MemberTokens;
    siteUrl: string;
    /** Distinct addresses that read a subscriber's feeds today. */
    addressesToday(id: string): number;
  };
  /** Counts feed readers; with a stats token, GET /api/stats reports them. */
  audience?: { counter: Audience; statsToken?: string };
  /** GET /metrics (Prometheus), behind METRICS_TOKEN when one is set. */
  metrics?: { registry: ServiceMetrics; token?: string };
}

export function createApp(deps: AppDependencies): RequestListener {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(securityHeaders());
  // The handler below rewrote every absolute-form target it could; what is left has no host.
  app.use((req, _res, next) => {
    if (originFormOf(req.url) === undefined) {
      throw new HttpError(400, "The request target names no host");
    }
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.set("Cache-Control", "no-store").json(deps.health());
  });

  if (deps.articleApi) {
    const perMinute = deps.articleApi.rateLimit ?? defaultApiRateLimit;
    app.use("/api/articles", apiRateLimit(perMinute, deps.logger), articleApi(deps.articleApi));
  }

  if (deps.media) {
    // Only the files of episodes the public edition carries: never a members-only episode.
    const { folder, copies } = deps.media;
    const isPublished = (name: string) => publishedMediaFiles(deps.snapshot().articles).has(name);
    app.use("/media", serveMedia(folder, copies, mediaCacheControl, isPublished));
  }
  if (deps.images) {
    const { folder, copies, isPublished } = deps.images;
    app.use("/images", serveMedia(folder, copies, mediaCacheControl, isPublished));
  }
  if (deps.members) {
    app.use("/private", deps.members.feeds);
    if (deps.articleApi)
      app.use(
        "/api/members",
        apiRateLimit(deps.articleApi.rateLimit ?? defaultApiRateLimit, deps.logger),
        memberApi({ ...deps.members, token: deps.articleApi.token }),
      );
  }
  const audience = deps.audience?.counter;
  const statsToken = deps.audience?.statsToken;
  if (audience && statsToken) {
    app.use("/api/stats", statsApi(audience, statsToken));
    app.use("/stats", statsPage(audience, statsToken));
  }
  const metrics = deps.metrics?.registry;
  if (metrics) app.use("/metrics", metricsEndpoint(metrics, deps.metrics?.token));

  app.use(renditionGuards(deps.snapshot));

  app.use((req, res) => {
    const gone = deps.snapshot().gonePage(req.path);
    res
      .status(gone === undefined ? 404 : 410)
      .set("Cache-Control", "no-store")
      .set("X-Content-Type-Options", "nosniff");
    if (req.method === "HEAD") res.type("html").end();
    else res.type("html").send(gone ?? deps.snapshot().notFoundHtml);
  });

  app.use(errorHandler(deps.logger));
  const logRequest = deps.logger.debug;
  const hooks: RenditionHooks = {
    ...(audience && { observeFeedRequest: audience.observe.bind(audience) }),
    ...(metrics && { countResponse: metrics.countResponse.bind(metrics) }),
  };
  return (req, res) => {
    if (logRequest !== undefined) {
      const started = performance.now();
      res.once("finish", () =>
        logRequest("request", {
          method: req.method,
          // A member feed's token is a credential: it never goes to the log.
          url: (req.url ?? "").replace(/^\/private\/[^/?]+/, "/private/<token>"),
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
        }),
      );
    }
    const target = originFormOf(req.url ?? "/");
    if (target !== undefined) req.url = target;
    if (!serveFromMemory(req, res, deps.snapshot().renditions, hooks)) {
      metrics?.countWhenFinished(req, res);
      app(req, res);
    }
  };
}
