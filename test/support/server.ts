// Starts the real service on 127.0.0.1 with an ephemeral port; closed when the test ends.
// The socket is opened first so the site URL can be the real address, as in production.
import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";
import type { Clock } from "../../src/articles/schedule.js";
import { defaultHttpLimits, type HttpLimits, type MemberFeedsConfig } from "../../src/config.js";
import { createHttpServer, type HttpServer } from "../../src/http/http-server.js";
import type { Logger } from "../../src/log.js";
import type { FeedValidator } from "../../src/renditions/site/site-snapshot.js";
import { openService, type Service, type ServiceOptions } from "../../src/service.js";
import type { SiteMetadata } from "../../src/site/site-metadata.js";
import { defaultWorkBounds, type WorkBounds } from "../../src/workers/work-bounds.js";
import { testSite } from "./site.js";

export interface RecordedLog {
  level: "info" | "warn" | "error";
  message: string;
  fields: Record<string, unknown>;
}

export function recordingLogger(): Logger & { entries: RecordedLog[] } {
  const entries: RecordedLog[] = [];
  const record =
    (level: RecordedLog["level"]) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      entries.push({ level, message, fields });
    };
  return { entries, info: record("info"), warn: record("warn"), error: record("error") };
}

export interface TestServer {
  baseUrl: string;
  service: Service;
  logs: RecordedLog[];
  /** The server as server.ts makes it, with its limits and its drain. */
  http: HttpServer;
}

/** Registers what closes a resource: when the test ends unless a suite or a script says otherwise. */
export type Cleanup = (close: () => Promise<void> | void) => void;

/**
 * Listens on 127.0.0.1 at a free port and closes the server (and its connections) when the test
 * ends (or through `cleanup`). Returns the base URL, e.g. http://127.0.0.1:40123.
 */
export async function listenOnLoopback(
  server: Server,
  cleanup: Cleanup = onTestFinished,
): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  cleanup(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startTestServer(
  articlesDir: string,
  options: {
    site?: SiteMetadata;
    watch?: boolean;
    validate?: FeedValidator;
    hubTiming?: ServiceOptions["hubTiming"];
    apiToken?: string;
    /** The media folder (MEDIA_DIR) served under /media/. */
    mediaDir?: string;
    /** The images folder (IMAGES_DIR) served under /images/. */
    imagesDir?: string;
    /** The clock embargoes and expiries are measured against. */
    clock?: Clock;
    /** The state folder (STATE_DIR); without one nothing is kept across restarts. */
    stateDir?: string;
    /**
     * The public origin (SITE_URL), as in front of a cluster; the listening address unless given,
     * so two servers (a restart, replicas) can serve the very same bytes.
     */
    siteUrl?: string;
    /** Timeouts and bounds; the production defaults unless given. */
    httpLimits?: Partial<HttpLimits>;
    /** Wraps the service's handler, e.g. to count the requests that reach it. */
    wrapHandler?: (handler: RequestListener) => RequestListener;
    /** Member feeds (MEMBER_KEY, MEMBERS_FILE). */
    members?: MemberFeedsConfig;
    /** MAX_ARTICLE_BYTES */
    maxArticleBytes?: number;
    /** FOLLOW_SYMLINKS */
    followSymlinks?: boolean;
    watchTiming?: ServiceOptions["watchTiming"];
    /** Where the server's closing is registered; the end of the test unless given. */
    cleanup?: Cleanup;
    healthBounds?: ServiceOptions["healthBounds"];
    /** RENDER_TIMEOUT_MS and MEDIA_PROBE_TIMEOUT_MS; the production defaults unless given. */
    workBounds?: Partial<WorkBounds>;
  } = {},
): Promise<TestServer> {
  // The socket is open before the service, which needs its address: requests wait for it.
  let handle: RequestListener = (_req, res) => res.writeHead(503).end();
  const http = createHttpServer((req, res) => handle(req, res), {
    ...defaultHttpLimits,
    ...options.httpLimits,
  });
  const cleanup = options.cleanup ?? onTestFinished;
  const baseUrl = await listenOnLoopback(http.server, cleanup);
  const logger = recordingLogger();
  const service = await openService(
    {
      articlesDir,
      site: options.site ?? testSite(),
      siteUrl: options.siteUrl ?? baseUrl,
      ...(options.apiToken ? { apiToken: options.apiToken } : {}),
      ...(options.mediaDir ? { mediaDir: options.mediaDir } : {}),
      ...(options.imagesDir ? { imagesDir: options.imagesDir } : {}),
      ...(options.stateDir ? { stateDir: options.stateDir } : {}),
      ...(options.members ? { members: options.members } : {}),
      ...(options.maxArticleBytes ? { maxArticleBytes: options.maxArticleBytes } : {}),
      ...(options.followSymlinks ? { followSymlinks: options.followSymlinks } : {}),
      workBounds: { ...defaultWorkBounds, ...options.workBounds },
    },
    logger,
    {
      watch: options.watch ?? false,
      ...(options.validate ? { validate: options.validate } : {}),
      ...(options.hubTiming ? { hubTiming: options.hubTiming } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.watchTiming ? { watchTiming: options.watchTiming } : {}),
      ...(options.healthBounds ? { healthBounds: options.healthBounds } : {}),
    },
  );
  cleanup(() => service.close());
  handle = options.wrapHandler?.(service.handleRequest) ?? service.handleRequest;
  return { baseUrl, service, logs: logger.entries, http };
}
