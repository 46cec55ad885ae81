// Configuration: a few environment variables plus the site metadata file, checked once at start.
import { readFileSync } from "node:fs";
import path from "node:path";
import { defaultMaxArticleBytes } from "./articles/article-file.js";
import { describeIssues } from "./articles/front-matter.js";
import { type AudienceSettings, parseAudienceSettings } from "./audience/audience-settings.js";
import { type LogLevel, parseLogLevel } from "./log.js";
import { parseMetricsToken } from "./metrics/metrics-token.js";
import { type SiteMetadata, siteMetadataSchema } from "./site/site-metadata.js";
import { parseWorkBounds, type WorkBounds } from "./workers/work-bounds.js";
import { cleanStrings } from "./xml-text.js";

export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ConfigError";
  }
}

/**
 * The whole number from `min` to `max` that the variable `name` holds as `text`; undefined when
 * it is unset or empty. Anything else is refused with `expected` (what the number is, with its
 * range) and the text given.
 */
export function wholeNumberSetting(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
  expected: string,
): number | undefined {
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}: expected ${expected}, got "${text}"`);
  }
  return value;
}

export interface Config {
  host: string;
  port: number;
  /** The public origin, without a trailing slash, e.g. https://news.example.com */
  siteUrl: string;
  articlesDir: string;
  /** The folder of podcast media files, served under /media/ (MEDIA_DIR). */
  mediaDir: string;
  /** The folder of article images, served under /images/ (IMAGES_DIR; images/ beside the articles). */
  imagesDir: string;
  /**
   * Where wirefeed keeps what it derives and must remember across restarts (STATE_DIR): never a
   * source of truth, so deleting it loses no article.
   */
  stateDir: string;
  site: SiteMetadata;
  /** Bearer token of the publishing API; without one the API is off. */
  apiToken?: string;
  /** Requests a minute the publishing API accepts from one client address (API_RATE_LIMIT). */
  apiRateLimit: number;
  /** The least severe level logged (LOG_LEVEL); debug adds a line per request. */
  logLevel: LogLevel;
  /** Server timeouts, the pipelining bound and the shutdown wait (HTTP_* variables). */
  httpLimits: HttpLimits;
  /** Member feeds, when MEMBER_KEY is set. */
  members?: MemberFeedsConfig;
  /** Audience counting and its options (src/audience/audience-settings.ts). */
  audience: AudienceSettings;
  /** METRICS_TOKEN: the token GET /metrics asks for; without one /metrics is open. */
  metricsToken?: string;
  /** Article files larger than this are refused with their size (MAX_ARTICLE_BYTES). */
  maxArticleBytes: number;
  /** Bytes of renditions made on first request kept at most (RENDITION_CACHE_MB; 128 MiB). */
  renditionCacheBytes: number;
  /**
   * Bytes of the bodies of articles taken from the article index kept once read from their files
   * (BODY_CACHE_MB, 16), least recently shown first out.
   */
  bodyCacheBytes: number;
  /**
   * Follow symbolic links in ARTICLES_DIR and MEDIA_DIR whose target is inside the same folder
   * (FOLLOW_SYMLINKS); links out of the folders are never followed.
   */
  followSymlinks: boolean;
  /** How long a body's rendering and a media file's probe may take (src/workers/work-bounds.ts). */
  workBounds: WorkBounds;
  /**
   * How often the watched folders are listed and stat'ed, to catch changes whose events the
   * kernel dropped, in seconds (WATCH_AUDIT_SECONDS; 30); 0: only after an event queue overflow.
   */
  watchAuditSeconds: number;
}

export interface MemberFeedsConfig {
  /** The secret member tokens are signed with (MEMBER_KEY); a new one invalidates every token. */
  key: string;
  /** The subscribers file (MEMBERS_FILE; STATE_DIR/members.json). */
  file: string;
  /** How long a media link in a member feed works, in hours (MEMBER_MEDIA_LINK_HOURS; 24). */
  mediaLinkHours: number;
  /** Distinct addresses a day one subscriber's feeds may be read from (MEMBER_MAX_ADDRESSES; 0: no limit). */
  maxAddresses: number;
}

function parseMembers(
  env: NodeJS.ProcessEnv,
  cwd: string,
  stateDir: string,
): MemberFeedsConfig | undefined {
  const key = env.MEMBER_KEY;
  if (key === undefined || key === "") return undefined;
  if (key.length < 32 || /\s/.test(key))
    throw new ConfigError(
      "MEMBER_KEY: expected at least 32 characters without spaces (for example: openssl rand -hex 32)",
    );
  const hours = env.MEMBER_MEDIA_LINK_HOURS || "24";
  const mediaLinkHours = Number(hours);
  if (!Number.isInteger(mediaLinkHours) || mediaLinkHours < 1 || mediaLinkHours > 8760)
    throw new ConfigError(
      `MEMBER_MEDIA_LINK_HOURS: expected whole hours from 1 to 8760, got "${hours}"`,
    );
  const file = env.MEMBERS_FILE
    ? path.resolve(cwd, env.MEMBERS_FILE)
    : path.join(stateDir, "members.json");
  const most = env.MEMBER_MAX_ADDRESSES || "0";
  const maxAddresses = Number(most);
  if (!Number.isInteger(maxAddresses) || maxAddresses < 0 || maxAddresses > 100_000)
    throw new ConfigError(
      `MEMBER_MAX_ADDRESSES: expected a whole number from 0 (no limit) to 100000, got "${most}"`,
    );
  return { key, file, mediaLinkHours, maxAddresses };
}

function parsePort(text: string | undefined): number {
  if (text === undefined || text === "") return 3000;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT: expected an integer from 0 to 65535, got "${text}"`);
  }
  return port;
}

function parseSiteUrl(text: string | undefined, port: number): string {
  const value = text === undefined || text === "" ? `http://localhost:${port}` : text;
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new ConfigError(
      `SITE_URL: expected an absolute URL such as https://news.example.com, got "${value}"`,
      {
        cause: error,
      },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`SITE_URL: expected an http or https URL, got "${value}"`);
  }
  if (url.search !== "" || url.hash !== "")
    throw new ConfigError(`SITE_URL: must not have a query or fragment, got "${value}"`);
  return url.href.replace(/\/+$/, "");
}

/** Reads and checks the site metadata file. */
export function loadSiteMetadata(file: string): SiteMetadata {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${file}: cannot read site metadata: ${reason}`, { cause: error });
  }
  const checked = siteMetadataSchema.safeParse(cleanStrings(raw));
  if (!checked.success) {
    throw new ConfigError(`${file}: ${describeIssues(checked.error).join("; ")}`, {
      cause: checked.error,
    });
  }
  return checked.data;
}

function parseApiToken(text: string | undefined): string | undefined {
  if (text === undefined || text === "") return undefined;
  if (text.length < 24 || /\s/.test(text)) {
    throw new ConfigError(
      "API_TOKEN: expected at least 24 characters without spaces (for example: openssl rand -hex 32)",
    );
  }
  return text;
}

/** Requests a minute per client address the publishing API accepts unless API_RATE_LIMIT says. */
export const defaultApiRateLimit = 60;

function parseApiRateLimit(text: string | undefined): number {
  return (
    wholeNumberSetting(
      "API_RATE_LIMIT",
      text,
      1,
      1_000_000,
      "requests a minute per client, an integer from 1 to 1000000",
    ) ?? defaultApiRateLimit
  );
}

export interface HttpLimits {
  /** The whole request head must arrive within this (HTTP_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** The whole request, head and body, must arrive within this (HTTP_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** A connection on which nothing is read or written for this long is closed (HTTP_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  /**
   * Requests one connection may have waiting for their answers (HTTP_MAX_PIPELINED). A request
   * past it gets 503 and the connection is closed once the answers before it are written.
   */
  maxPipelinedRequests: number;
  /** Longest a shutdown waits for requests in flight before it gives up (HTTP_DRAIN_TIMEOUT_MS). */
  drainTimeoutMs: number;
}

/** The HTTP limits unless the environment says otherwise. */
export const defaultHttpLimits: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  maxPipelinedRequests: 16,
  drainTimeoutMs: 10_000,
};

/** The environment variable of each HTTP limit, with the least value it takes. */
const httpLimitVariables: ReadonlyArray<[keyof HttpLimits, string, number]> = [
  ["headersTimeoutMs", "HTTP_HEADERS_TIMEOUT_MS", 100],
  ["requestTimeoutMs", "HTTP_REQUEST_TIMEOUT_MS", 100],
  ["keepAliveTimeoutMs", "HTTP_KEEP_ALIVE_TIMEOUT_MS", 100],
  ["idleTimeoutMs", "HTTP_IDLE_TIMEOUT_MS", 100],
  ["maxPipelinedRequests", "HTTP_MAX_PIPELINED", 1],
  ["drainTimeoutMs", "HTTP_DRAIN_TIMEOUT_MS", 0],
];

function parseHttpLimits(env: NodeJS.ProcessEnv): HttpLimits {
  const limits = { ...defaultHttpLimits };
  for (const [key, variable, least] of httpLimitVariables) {
    const expected = `an integer from ${least} to 86400000`;
    const value = wholeNumberSetting(variable, env[variable], least, 86_400_000, expected);
    if (value !== undefined) limits[key] = value;
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ConfigError(
      `HTTP_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) cannot be longer than HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs}): the head is part of the request`,
    );
  }
  return limits;
}

function optionalMetricsToken(env: NodeJS.ProcessEnv): { metricsToken?: string } {
  const metricsToken = parseMetricsToken(env.METRICS_TOKEN);
  return metricsToken === undefined ? {} : { metricsToken };
}

/** STATE_DIR, resolved against `cwd` (default ./.wirefeed). */
export function resolveStateDir(env: NodeJS.ProcessEnv, cwd: string): string {
  return path.resolve(cwd, env.STATE_DIR || ".wirefeed");
}

function parseMaxArticleBytes(text: string | undefined): number {
  return (
    wholeNumberSetting(
      "MAX_ARTICLE_BYTES",
      text,
      1024,
      1024 * 1024 * 1024,
      "a size in bytes from 1024 to 1073741824",
    ) ?? defaultMaxArticleBytes
  );
}

export const defaultRenditionCacheMiB = 128;

export const defaultBodyCacheMiB = 16;

/** A cache's size, `name` in the environment, in whole MiB from 1 to 65536; in bytes. */
function parseCacheBytes(name: string, text: string | undefined, defaultMiB: number): number {
  const mib = wholeNumberSetting(name, text, 1, 65_536, "whole MiB from 1 to 65536");
  return (mib ?? defaultMiB) * 2 ** 20;
}

export const defaultWatchAuditSeconds = 30;

function parseWatchAuditSeconds(text: string | undefined): number {
  return (
    wholeNumberSetting(
      "WATCH_AUDIT_SECONDS",
      text,
      0,
      86_400,
      "whole seconds from 0 (only after an overflow) to 86400",
    ) ?? defaultWatchAuditSeconds
  );
}

function parseFollowSymlinks(text: string | undefined): boolean {
  if (text === undefined || text === "" || text === "0" || text === "false") return false;
  if (text === "1" || text === "true") return true;
  throw new ConfigError(`FOLLOW_SYMLINKS: expected 1 or 0 (true or false), got "${text}"`);
}

/**
 * Builds the configuration from the environment: PORT, HOST, SITE_URL, ARTICLES_DIR, MEDIA_DIR,
 * IMAGES_DIR, STATE_DIR, SITE_CONFIG, API_TOKEN, API_RATE_LIMIT, LOG_LEVEL, MAX_ARTICLE_BYTES,
 * RENDITION_CACHE_MB, BODY_CACHE_MB, FOLLOW_SYMLINKS, RENDER_TIMEOUT_MS, MEDIA_PROBE_TIMEOUT_MS,
 * WATCH_AUDIT_SECONDS, the HTTP_* limits and the audience settings.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): Config {
  const port = parsePort(env.PORT);
  const apiToken = parseApiToken(env.API_TOKEN);
  let logLevel: LogLevel;
  try {
    logLevel = parseLogLevel(env.LOG_LEVEL);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const stateDir = resolveStateDir(env, cwd);
  const articlesDir = path.resolve(cwd, env.ARTICLES_DIR || "articles");
  const members = parseMembers(env, cwd, stateDir);
  return {
    logLevel,
    ...(members === undefined ? {} : { members }),
    ...(apiToken === undefined ? {} : { apiToken }),
    apiRateLimit: parseApiRateLimit(env.API_RATE_LIMIT),
    httpLimits: parseHttpLimits(env),
    audience: parseAudienceSettings(env, apiToken),
    ...optionalMetricsToken(env),
    maxArticleBytes: parseMaxArticleBytes(env.MAX_ARTICLE_BYTES),
    renditionCacheBytes: parseCacheBytes(
      "RENDITION_CACHE_MB",
      env.RENDITION_CACHE_MB,
      defaultRenditionCacheMiB,
    ),
    bodyCacheBytes: parseCacheBytes("BODY_CACHE_MB", env.BODY_CACHE_MB, defaultBodyCacheMiB),
    followSymlinks: parseFollowSymlinks(env.FOLLOW_SYMLINKS),
    workBounds: parseWorkBounds(env),
    watchAuditSeconds: parseWatchAuditSeconds(env.WATCH_AUDIT_SECONDS),
    host: env.HOST || "127.0.0.1",
    port,
    siteUrl: parseSiteUrl(env.SITE_URL, port),
    articlesDir,
    mediaDir: path.resolve(cwd, env.MEDIA_DIR || "media"),
    imagesDir: env.IMAGES_DIR
      ? path.resolve(cwd, env.IMAGES_DIR)
      : path.join(path.dirname(articlesDir), "images"),
    stateDir,
    site: loadSiteMetadata(path.resolve(cwd, env.SITE_CONFIG || "site.json")),
  };
}
