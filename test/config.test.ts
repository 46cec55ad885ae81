import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { repoRoot } from "./support/articles-dir.js";
import { writeSiteFile } from "./support/site.js";

describe("configuration", () => {
  it("defaults to port 3000, ./articles and a localhost site URL, with the repository's site.json", () => {
    const config = loadConfig({}, repoRoot);
    expect(config.port).toBe(3000);
    expect(config.host).toBe("127.0.0.1");
    expect(config.siteUrl).toBe("http://localhost:3000");
    expect(config.articlesDir).toBe(path.join(repoRoot, "articles"));
    expect(config.site.feedSize).toBe(50);
  });

  it("takes PORT, SITE_URL (trailing slash dropped) and ARTICLES_DIR from the environment", () => {
    const config = loadConfig(
      { PORT: "8080", SITE_URL: "https://news.example.com/", ARTICLES_DIR: "/srv/a" },
      repoRoot,
    );
    expect(config.port).toBe(8080);
    expect(config.siteUrl).toBe("https://news.example.com");
    expect(config.articlesDir).toBe("/srv/a");
  });

  it.each([
    [{ PORT: "eighty" }, /^PORT: expected an integer/],
    [{ SITE_URL: "news.example.com" }, /^SITE_URL: expected an absolute URL/],
    [{ SITE_URL: "ftp://news.example.com" }, /^SITE_URL: expected an http or https URL/],
  ])("rejects %o with a message naming the variable", (env, message) => {
    expect(() => loadConfig(env, repoRoot)).toThrow(message);
  });

  it("audits the watched folders every 30 s by default, WATCH_AUDIT_SECONDS otherwise", () => {
    expect(loadConfig({}, repoRoot).watchAuditSeconds).toBe(30);
    expect(loadConfig({ WATCH_AUDIT_SECONDS: "120" }, repoRoot).watchAuditSeconds).toBe(120);
    expect(loadConfig({ WATCH_AUDIT_SECONDS: "0" }, repoRoot).watchAuditSeconds).toBe(0);
    expect(() => loadConfig({ WATCH_AUDIT_SECONDS: "-1" }, repoRoot)).toThrow(
      'WATCH_AUDIT_SECONDS: expected whole seconds from 0 (only after an overflow) to 86400, got "-1"',
    );
  });

  it("keeps 128 MiB of renditions made on request by default, RENDITION_CACHE_MB otherwise", () => {
    expect(loadConfig({}, repoRoot).renditionCacheBytes).toBe(128 * 2 ** 20);
    expect(loadConfig({ RENDITION_CACHE_MB: "16" }, repoRoot).renditionCacheBytes).toBe(
      16 * 2 ** 20,
    );
    expect(() => loadConfig({ RENDITION_CACHE_MB: "0.5" }, repoRoot)).toThrow(
      'RENDITION_CACHE_MB: expected whole MiB from 1 to 65536, got "0.5"',
    );
  });

  it("keeps 16 MiB of indexed articles' bodies by default, BODY_CACHE_MB otherwise", () => {
    expect(loadConfig({}, repoRoot).bodyCacheBytes).toBe(16 * 2 ** 20);
    expect(loadConfig({ BODY_CACHE_MB: "256" }, repoRoot).bodyCacheBytes).toBe(256 * 2 ** 20);
    expect(() => loadConfig({ BODY_CACHE_MB: "0" }, repoRoot)).toThrow(
      'BODY_CACHE_MB: expected whole MiB from 1 to 65536, got "0"',
    );
  });

  it("has server timeouts by default and takes each from its HTTP_* variable", () => {
    expect(loadConfig({}, repoRoot).httpLimits).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      idleTimeoutMs: 60_000,
      maxPipelinedRequests: 16,
      drainTimeoutMs: 10_000,
    });
    const config = loadConfig(
      {
        HTTP_HEADERS_TIMEOUT_MS: "2000",
        HTTP_REQUEST_TIMEOUT_MS: "4000",
        HTTP_KEEP_ALIVE_TIMEOUT_MS: "1000",
        HTTP_IDLE_TIMEOUT_MS: "9000",
        HTTP_MAX_PIPELINED: "4",
        HTTP_DRAIN_TIMEOUT_MS: "0",
      },
      repoRoot,
    );
    expect(config.httpLimits).toEqual({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      keepAliveTimeoutMs: 1000,
      idleTimeoutMs: 9000,
      maxPipelinedRequests: 4,
      drainTimeoutMs: 0,
    });
  });

  it.each([
    [
      { HTTP_HEADERS_TIMEOUT_MS: "soon" },
      'HTTP_HEADERS_TIMEOUT_MS: expected an integer from 100 to 86400000, got "soon"',
    ],
    [
      { HTTP_MAX_PIPELINED: "0" },
      'HTTP_MAX_PIPELINED: expected an integer from 1 to 86400000, got "0"',
    ],
    [{ HTTP_IDLE_TIMEOUT_MS: "1.5" }, "HTTP_IDLE_TIMEOUT_MS: expected an integer"],
    [
      { HTTP_HEADERS_TIMEOUT_MS: "40000" },
      "HTTP_HEADERS_TIMEOUT_MS (40000) cannot be longer than HTTP_REQUEST_TIMEOUT_MS (30000)",
    ],
  ])("refuses a bad HTTP limit %o and names it", (env, message) => {
    expect(() => loadConfig(env, repoRoot)).toThrow(message);
  });

  it("names the site metadata file and the field that is wrong", async () => {
    const file = await writeSiteFile({
      title: "T",
      description: "D",
      language: "english",
      publisher: { name: "P" },
    });
    expect(() => loadConfig({ SITE_CONFIG: file }, repoRoot)).toThrow(
      new RegExp(
        `^${file}: language: expected a language tag.*; idPrefix: required; feedId: required$`,
      ),
    );
  });

  it("takes an IANA time zone for the dates on pages, and names a wrong one", async () => {
    const site = {
      title: "T",
      description: "D",
      language: "en",
      publisher: { name: "P" },
      idPrefix: "tag:t.example,2026:a/",
      feedId: "tag:t.example,2026:feed",
    };
    const paris = await writeSiteFile({ ...site, timeZone: "Europe/Paris" });
    expect(loadConfig({ SITE_CONFIG: paris }, repoRoot).site.timeZone).toBe("Europe/Paris");
    const mars = await writeSiteFile({ ...site, timeZone: "Mars/Olympus_Mons" });
    expect(() => loadConfig({ SITE_CONFIG: mars }, repoRoot)).toThrow(
      `${mars}: timeZone: expected an IANA time zone such as Europe/Paris, got "Mars/Olympus_Mons"`,
    );
  });
});
