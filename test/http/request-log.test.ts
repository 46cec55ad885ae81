import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import type { LogFields } from "../../src/log.js";
import { openService } from "../../src/service.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { listenOnLoopback } from "../support/server.js";
import { testSite } from "../support/site.js";

describe("the request log at LOG_LEVEL=debug", () => {
  it("writes one line per request, from memory or through Express, with its status", async () => {
    const articlesDir = await makeArticlesDir({
      "a.md": markdownArticle({ title: "A", published: "2026-01-01T00:00:00Z" }),
    });
    const server = createServer();
    const baseUrl = await listenOnLoopback(server);
    const lines: Array<{ message: string; fields: LogFields }> = [];
    const record = () => {};
    const service = await openService(
      { articlesDir, site: testSite(), siteUrl: baseUrl },
      {
        debug: (message, fields = {}) => lines.push({ message, fields }),
        info: record,
        warn: record,
        error: record,
      },
    );
    server.on("request", service.handleRequest);

    const feed = await fetch(`${baseUrl}/rss.xml`);
    await feed.arrayBuffer();
    const missing = await fetch(`${baseUrl}/nothing-here`);
    await missing.arrayBuffer();

    await expect.poll(() => lines.length).toBe(2);
    expect(lines).toMatchObject([
      { message: "request", fields: { method: "GET", url: "/rss.xml", status: 200 } },
      { message: "request", fields: { method: "GET", url: "/nothing-here", status: 404 } },
    ]);
    expect(lines[0]?.fields.ms).toBeTypeOf("number");
  });
});
