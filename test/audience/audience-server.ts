// A real wirefeed server on 127.0.0.1 with audience counting and a state folder, and a client
// that can speak from any 127.x address (a simulated reader) with any User-Agent.
import { createServer, request } from "node:http";
import { onTestFinished } from "vitest";
import type { AudienceSettings } from "../../src/audience/audience-settings.js";
import type { StatsReport } from "../../src/audience/stats-report.js";
import { openService, type Service, type ServiceOptions } from "../../src/service.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { listenOnLoopback, recordingLogger } from "../support/server.js";
import { testSite } from "../support/site.js";

export const statsToken = "stats-token-0123456789abcdef";

export interface AudienceServer {
  baseUrl: string;
  service: Service;
  /** Stops the server as SIGTERM would: the audience figures are written. */
  close(): Promise<void>;
}

export async function articlesForAudience(): Promise<string> {
  return makeArticlesDir({
    "one.md": markdownArticle({ title: "One", published: "2026-03-01T10:00:00Z", tags: ["World"] }),
  });
}

export async function startAudienceServer(
  articlesDir: string,
  stateDir: string,
  settings: Partial<AudienceSettings> = {},
  timing: ServiceOptions["audienceTiming"] = {},
  extra: { metricsToken?: string; validate?: ServiceOptions["validate"] } = {},
): Promise<AudienceServer> {
  const server = createServer();
  const baseUrl = await listenOnLoopback(server);
  const service = await openService(
    {
      articlesDir,
      site: testSite(),
      siteUrl: baseUrl,
      apiToken: undefined,
      stateDir,
      audience: { statsToken, ...settings },
      ...(extra.metricsToken === undefined ? {} : { metricsToken: extra.metricsToken }),
    },
    recordingLogger(),
    {
      audienceTiming: timing,
      ...(extra.validate === undefined ? {} : { validate: extra.validate }),
    },
  );
  server.on("request", service.handleRequest);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    service.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  onTestFinished(close);
  return { baseUrl, service, close };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One GET from `localAddress` (any 127.x) with the given headers, on a fresh connection. */
export function getFrom(
  url: string,
  headers: Record<string, string> = {},
  localAddress = "127.0.0.1",
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** GET /api/stats with the token. */
export async function fetchStats(baseUrl: string): Promise<StatsReport> {
  const response = await fetch(`${baseUrl}/api/stats`, {
    headers: { authorization: `Bearer ${statsToken}` },
  });
  if (response.status !== 200) throw new Error(`/api/stats answered ${response.status}`);
  return (await response.json()) as StatsReport;
}
