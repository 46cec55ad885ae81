// The stats page and `wirefeed stats` on the figures of a real server: the page needs the token,
// draws its charts as inline SVG under the strict CSP (no script, nothing fetched), and the
// command prints the same figures as tables or as the API's JSON.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, onTestFinished, test } from "vitest";
import type { StatsReport } from "../../src/audience/stats-report.js";
import { runStats } from "../../src/cli/stats.js";
import {
  articlesForAudience,
  fetchStats,
  getFrom,
  startAudienceServer,
  statsToken,
} from "./audience-server.js";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../..");

async function serverWithFigures() {
  const stateDir = await mkdtemp(path.join(tmpdir(), "wirefeed-report-"));
  onTestFinished(() => rm(stateDir, { recursive: true, force: true }));
  const server = await startAudienceServer(await articlesForAudience(), stateDir);
  await getFrom(`${server.baseUrl}/rss.xml`, {
    "user-agent": "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 462 subscribers; )",
  });
  for (let reader = 2; reader < 5; reader += 1) {
    const first = await getFrom(
      `${server.baseUrl}/atom.xml`,
      { "user-agent": "Newsboat/2.30.1 (Linux x86_64)" },
      `127.0.0.${reader}`,
    );
    await getFrom(
      `${server.baseUrl}/atom.xml`,
      {
        "user-agent": "Newsboat/2.30.1 (Linux x86_64)",
        "if-none-match": first.headers.etag as string,
      },
      `127.0.0.${reader}`,
    );
  }
  return { server, stateDir };
}

describe("the stats page", () => {
  test("asks for the token, then shows the figures with inline SVG charts under the strict CSP", async () => {
    const { server } = await serverWithFigures();
    const refused = await fetch(`${server.baseUrl}/stats/`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe(
      'Basic realm="wirefeed stats", charset="UTF-8"',
    );

    const page = await fetch(`${server.baseUrl}/stats/`, {
      headers: { authorization: `Basic ${Buffer.from(`editor:${statsToken}`).toString("base64")}` },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    const body = await page.text();
    expect(body).toContain("<strong>465</strong> subscribers");
    expect(body).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(body).toContain('aria-label="subscribers of /rss.xml"');
    expect(body).toContain('aria-label="answered 304: 50%"');
    // Nothing the CSP would block: no script, no external or inline-loaded resource.
    expect(body).not.toMatch(/<script|\son[a-z]+=|<img|<link|<iframe|url\(/i);
    expect(body).toContain("Feedly");
  });
});

describe("wirefeed stats", () => {
  test("prints the figures as tables, and as the API's JSON with --json", async () => {
    const { server, stateDir } = await serverWithFigures();
    const fromApi = await fetchStats(server.baseUrl);
    await server.close();
    const env = { ...process.env, STATE_DIR: stateDir };
    const table = await run(process.execPath, ["--import", "tsx", "src/cli/wirefeed.ts", "stats"], {
      cwd: repoRoot,
      env,
    });
    const lines = table.stdout.split("\n");
    const today = fromApi.days.at(-1)?.day as string;
    expect(lines[0]).toBe("Subscribers per day (UTC)");
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${today}\\s+465\\s+462\\s+3$`)),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^\/rss\.xml\s+Feedly\s+462$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^\/atom\.xml\s+Newsboat\s+reader\s+6\s+50%\s+50%\s+0\s+\d+\s+/),
    );
    expect(table.stdout).toContain("Method: subscribers = aggregator subscribers + direct readers");

    // The rest in-process: the JSON is the API's, and a bad option is refused with its name.
    const out: string[] = [];
    const err: string[] = [];
    const output = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
    expect(await runStats(["--json", "--state-dir", stateDir], output)).toBe(0);
    expect(JSON.parse(out.join("\n")) as StatsReport).toEqual(fromApi);
    expect(await runStats(["--days", "0", "--state-dir", stateDir], output)).toBe(2);
    expect(err.join("\n")).toContain("--days");
  });
});
