// The publishing API's guard: no write without the token, the token never in a log line, a
// per-client rate limit with 429 and Retry-After; feeds and pages are never rate-limited.
import { readdir } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { createApp } from "../../src/app.js";
import { ArticleWriter } from "../../src/articles/article-writer.js";
import { defaultApiRateLimit, loadConfig } from "../../src/config.js";
import { makeArticlesDir, markdownArticle, repoRoot } from "../support/articles-dir.js";
import { recordingLogger, startTestServer } from "../support/server.js";

const token = "guard-test-token-5f0c1d2e3a4b5c6d7e8f";

async function apiServer() {
  const dir = await makeArticlesDir(
    { "a.md": markdownArticle({ title: "A", published: "2026-01-01T00:00:00Z" }) },
    { withSeed: true },
  );
  return { dir, ...(await startTestServer(dir, { apiToken: token })) };
}

const json = { "Content-Type": "application/json" };

describe("the API token", () => {
  it.each([
    ["no Authorization header", {}, 401, ""],
    [
      "a Basic header",
      { Authorization: `Basic ${Buffer.from(`x:${token}`).toString("base64")}` },
      401,
      "",
    ],
    ["an empty bearer", { Authorization: "Bearer " }, 401, ""],
    ["the token without Bearer", { Authorization: token }, 401, ""],
    ["a token one character short", { Authorization: `Bearer ${token.slice(0, -1)}` }, 403, ""],
    ["the token twice", { Authorization: `Bearer ${token} ${token}` }, 401, ""],
    ["the token in the query", {}, 401, `?token=${token}`],
  ] as Array<[string, Record<string, string>, number, string]>)(
    "with %s: no write of any kind",
    async (_name, headers, status, query) => {
      const { baseUrl, dir } = await apiServer();
      const before = (await readdir(dir)).sort();
      const attempts = [
        ["POST", "", JSON.stringify({ title: "Sneaky", body: "x" })],
        ["PUT", "/a", JSON.stringify({ title: "Sneaky", body: "x" })],
        ["DELETE", "/a", undefined],
      ] as const;
      for (const [method, pathname, body] of attempts) {
        const response = await fetch(`${baseUrl}/api/articles${pathname}${query}`, {
          method,
          headers: { ...json, ...headers },
          ...(body === undefined ? {} : { body }),
        });
        expect({ method, status: response.status }).toEqual({ method, status });
      }
      expect((await readdir(dir)).sort()).toEqual(before);
    },
  );

  it("never appears in a log line or on the console, whatever the request gets", async () => {
    const console = [
      vi.spyOn(process.stderr, "write"),
      vi.spyOn(process.stdout, "write"),
      vi.spyOn(globalThis.console, "log"),
      vi.spyOn(globalThis.console, "warn"),
      vi.spyOn(globalThis.console, "error"),
    ];
    const { baseUrl, logs } = await apiServer();
    const send = (init: RequestInit, pathname = "") =>
      fetch(`${baseUrl}/api/articles${pathname}`, init).then((response) => response.status);
    const auth = { Authorization: `Bearer ${token}` };
    const statuses = [
      await send({ headers: { Authorization: `Bearer ${token}x` } }),
      await send({ headers: { Authorization: token } }),
      await send({ method: "POST", headers: { ...auth, ...json }, body: "{bad json" }),
      await send({ method: "POST", headers: { ...auth, ...json }, body: `{"title":"${token}"}` }),
      await send({ method: "POST", headers: auth, body: token }),
      await send({ headers: { ...auth, "X-Forwarded-For": "203.0.113.9" } }, "/nope"),
      await send({ method: "DELETE", headers: { ...auth, "If-Match": `"${token}"` } }, "/a"),
    ];
    expect(statuses).toEqual([403, 401, 400, 422, 415, 404, 412]);
    while ((await send({ headers: auth })) !== 429);
    const written = [
      JSON.stringify(logs),
      ...console.flatMap((spy) => spy.mock.calls.map((call) => JSON.stringify(call))),
    ].join("\n");
    for (const spy of console) spy.mockRestore();
    expect(logs.length).toBeGreaterThan(5);
    expect(written).not.toContain(token.slice(6));
  });
});

describe("the API rate limit", () => {
  it(`lets ${defaultApiRateLimit} requests a minute through per client, then answers 429 with Retry-After`, async () => {
    const { baseUrl, logs } = await apiServer();
    const get = () =>
      fetch(`${baseUrl}/api/articles`, { headers: { Authorization: `Bearer ${token}` } });
    for (let i = 1; i <= defaultApiRateLimit; i++) {
      const response = await get();
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      expect(response.headers.get("ratelimit-limit")).toBe(String(defaultApiRateLimit));
      expect(response.headers.get("ratelimit-remaining")).toBe(String(defaultApiRateLimit - i));
    }
    const limited = await get();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await limited.json()).toEqual({
      error: `Too many requests: at most ${defaultApiRateLimit} a minute per client; retry after the number of seconds in Retry-After`,
      problems: [],
    });
    expect(logs).toContainEqual({
      level: "info",
      message: "request refused",
      fields: expect.objectContaining({ status: 429, path: "/api/articles" }),
    });
    // Writes are limited too, and a token guesser is limited like everyone else.
    const write = await fetch(`${baseUrl}/api/articles`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, ...json },
      body: JSON.stringify({ title: "Late", body: "x" }),
    });
    expect(write.status).toBe(429);
    const guess = await fetch(`${baseUrl}/api/articles`, {
      headers: { Authorization: "Bearer guess" },
    });
    expect(guess.status).toBe(429);
  });

  it("never applies to feeds, pages or /healthz, even for a client the API limits", async () => {
    const { baseUrl } = await apiServer();
    const auth = { Authorization: `Bearer ${token}` };
    while ((await fetch(`${baseUrl}/api/articles`, { headers: auth })).status !== 429);
    const paths = ["/rss.xml", "/atom.xml", "/feed.json", "/", "/articles/a", "/healthz"];
    for (let round = 0; round < 50; round++) {
      const responses = await Promise.all(
        paths.map((path) => fetch(`${baseUrl}${path}`, { headers: auth })),
      );
      for (const response of responses) {
        await response.arrayBuffer();
        expect(response.status).toBe(200);
        expect(response.headers.get("ratelimit-limit")).toBeNull();
        expect(response.headers.get("retry-after")).toBeNull();
      }
    }
  });
});

describe("API_RATE_LIMIT", () => {
  it("defaults to 60 a minute and takes a positive integer", () => {
    expect(loadConfig({}, repoRoot).apiRateLimit).toBe(60);
    expect(loadConfig({ API_RATE_LIMIT: "600" }, repoRoot).apiRateLimit).toBe(600);
  });

  it.each(["0", "-1", "1.5", "sixty", "1e9"])("refuses %s with a message naming it", (value) => {
    expect(() => loadConfig({ API_RATE_LIMIT: value }, repoRoot)).toThrow(
      /^API_RATE_LIMIT: expected requests a minute per client/,
    );
  });

  it("is the limit the application applies", async () => {
    const dir = await makeArticlesDir({}, { withSeed: true });
    const { service } = await startTestServer(dir);
    const handler = createApp({
      snapshot: service.snapshot,
      health: service.health,
      logger: recordingLogger(),
      articleApi: {
        token,
        siteUrl: "https://news.example.com",
        storedArticles: () => service.snapshot().articles,
        writer: new ArticleWriter({
          dir,
          idPrefix: "tag:news.example.com,2026:article/",
          storedArticles: () => service.snapshot().articles,
          refresh: service.refresh,
          now: () => DateTime.now(),
        }),
        now: () => DateTime.now(),
        rateLimit: 3,
      },
    });
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    onTestFinished(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/articles`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
