// npm run validate over real folders, real files and a real HTTP server on 127.0.0.1: once as users
// run it, the real CLI in a child process; the rest through runValidate in this process (the same
// code behind the same arguments, without a Node start per test); plus its core functions.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { parseArguments, runValidate, UsageError } from "../../src/cli/validate.js";
import { formatProblem, validateDocument, validateStore } from "../../src/cli/validation.js";
import { openService } from "../../src/service.js";
import { makeArticlesDir, markdownArticle, repoRoot } from "../support/articles-dir.js";
import { listenOnLoopback, recordingLogger } from "../support/server.js";
import { testSite, testSiteUrl } from "../support/site.js";

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  lines: string[];
}

/** The environment of the test run without the settings the CLI reads, plus `overrides`. */
function cliEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ["PORT", "HOST", "SITE_URL", "ARTICLES_DIR", "SITE_CONFIG"]) delete env[name];
  return { ...env, ...overrides };
}

function runCliProcess(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/wirefeed.ts", "validate", ...args],
      {
        cwd: repoRoot,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout, stderr, lines: stdout.split("\n").filter((line) => line !== "") }),
    );
  });
}

/** The command as the child process runs it, in this process: its lines, stderr and exit status. */
async function runCli(args: string[], env: NodeJS.ProcessEnv = cliEnv()): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runValidate(
    args,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    env,
  );
  const stdout = out.map((line) => `${line}\n`).join("");
  const stderr = err.map((line) => `${line}\n`).join("");
  return { code, stdout, stderr, lines: stdout.split("\n").filter((line) => line !== "") };
}

const seedTitle = "Russia to continue backing Iraqi, Syrian governments: Lavrov";

/** A feed as the real renderers make it, from a folder holding the seed and one more article. */
async function renderedFeed(urlPath: "/rss.xml" | "/atom.xml" | "/feed.json"): Promise<string> {
  const articlesDir = await makeArticlesDir(
    {
      "budget.md": markdownArticle(
        { title: "Budget: what changes", published: "2026-01-15T09:30:00+01:00" },
        "The budget & the <em>minister</em>.",
      ),
    },
    { withSeed: true },
  );
  const service = await openService(
    { articlesDir, siteUrl: testSiteUrl, site: testSite() },
    recordingLogger(),
  );
  onTestFinished(() => service.close());
  const rendition = service.snapshot().renditions.get(urlPath);
  if (rendition === undefined) throw new Error(`${urlPath} was not built`);
  return rendition.body.toString("utf8");
}

/** The RSS feed without the channel's <title> (the first <title> in the document). */
function withoutChannelTitle(rss: string): string {
  const broken = rss.replace(/<title>Example News<\/title>\s*/, "");
  expect(broken).not.toBe(rss);
  return broken;
}

/** The lines reporting a problem at `location`, each with what follows the location. */
function problemsAt(lines: readonly string[], location: string): string[] {
  return lines
    .filter((line) => line.startsWith(`${location}:`))
    .map((line) => line.slice(location.length));
}

/** A server on 127.0.0.1 serving each body at its path (404 elsewhere); closed when the test ends. */
async function startFeedServer(bodies: Record<string, string>): Promise<string> {
  const server = createServer((request, response) => {
    const body = bodies[request.url ?? ""];
    if (body === undefined) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" }).end(body);
  });
  return listenOnLoopback(server);
}

/** A port on 127.0.0.1 that was just free and is closed again: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("npm run validate without arguments (what the server would serve)", () => {
  it("passes the repository's own articles and site.json: exit 0 and a summary with 0 problems", async () => {
    const result = await runCli([]);
    expect(result.stderr).toBe("");
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(/^checked \d+ article files? and \d+ feeds?: 0 problems$/);
    expect(result.code).toBe(0);
  });

  it("as a child process, names a broken article file and its reason, checks the rest, and exits 1", async () => {
    const articlesDir = await makeArticlesDir(
      {
        "good.md": markdownArticle({ title: "Good", published: "2026-01-15T09:30:00Z" }),
        "no-date.md": markdownArticle({ title: "No date" }),
      },
      { withSeed: true },
    );
    const result = await runCliProcess([], cliEnv({ ARTICLES_DIR: articlesDir }));
    expect(result.lines).toEqual([
      `${path.join(articlesDir, "no-date.md")}: published: required`,
      "checked 3 article files and 18 feeds: 1 problem",
    ]);
    expect(result.code).toBe(1);
  });

  it("exits 2 with the reason when ARTICLES_DIR cannot be read", async () => {
    const parent = await makeArticlesDir({});
    const missing = path.join(parent, "missing");
    const result = await runCli([], cliEnv({ ARTICLES_DIR: missing }));
    expect(result.stderr).toContain(`${missing}: cannot read the articles folder`);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(2);
  });
});

describe("npm run validate FILE", () => {
  it("passes feeds rendered by the real renderers, each format detected: exit 0", async () => {
    const dir = await makeArticlesDir({
      "rss.xml": await renderedFeed("/rss.xml"),
      "atom.xml": await renderedFeed("/atom.xml"),
      "feed.json": await renderedFeed("/feed.json"),
    });
    const files = ["rss.xml", "atom.xml", "feed.json"].map((name) => path.join(dir, name));
    const result = await runCli(files);
    expect(result.lines).toEqual(["checked 3 feeds: 0 errors, 0 warnings"]);
    expect(result.code).toBe(0);
  });

  it("reports an RSS channel without <title> once, at its line, with its rule and spec: exit 1", async () => {
    const dir = await makeArticlesDir({
      "feed.xml": withoutChannelTitle(await renderedFeed("/rss.xml")),
    });
    const file = path.join(dir, "feed.xml");
    const result = await runCli([file]);
    expect(problemsAt(result.lines, file)).toEqual([
      expect.stringMatching(
        /^:\d+:\d+: \/rss\/channel: error \[missing-element\] <channel> must contain a <title> element \(https:\/\/www\.rssboard\.org\/rss-specification#requiredChannelElements\)$/,
      ),
    ]);
    expect(result.lines.at(-1)).toBe("checked 1 feed: 1 error, 0 warnings");
    expect(result.code).toBe(1);
  });

  it("reports an item whose pubDate is not an RFC 822 date, at its line: exit 1", async () => {
    const rss = await renderedFeed("/rss.xml");
    const broken = rss.replace(/<pubDate>[^<]*<\/pubDate>/, "<pubDate>yesterday</pubDate>");
    expect(broken).not.toBe(rss);
    const dir = await makeArticlesDir({ "feed.xml": broken });
    const file = path.join(dir, "feed.xml");
    const result = await runCli([file]);
    expect(problemsAt(result.lines, file)).toEqual([
      expect.stringMatching(
        /^:\d+:\d+: \/rss\/channel\/item(\[\d+\])?\/pubDate: error \[invalid-rfc822-date\] .*"yesterday"/,
      ),
    ]);
    expect(result.code).toBe(1);
  });

  it("prints one JSON report with --format json: each problem's place, path, rule, severity and spec", async () => {
    const dir = await makeArticlesDir({
      "feed.xml": withoutChannelTitle(await renderedFeed("/rss.xml")).replace(
        "</channel>",
        '<x:note xmlns:x="urn:example:x">1</x:note></channel>',
      ),
    });
    const file = path.join(dir, "feed.xml");
    const result = await runCli(["--format", "json", file]);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ exitCode: 1, errors: 1, warnings: 1, unreadable: 0 });
    expect(report.inputs).toHaveLength(1);
    expect(report.inputs[0]).toMatchObject({ location: file, kind: "rss", errors: 1, warnings: 1 });
    expect(report.inputs[0].problems).toEqual([
      {
        location: file,
        line: expect.any(Number),
        column: expect.any(Number),
        path: "/rss/channel/x:note",
        rule: "unknown-extension",
        severity: "warning",
        message: expect.stringContaining("urn:example:x"),
        spec: expect.stringMatching(/^https:\/\//),
      },
      {
        location: file,
        line: expect.any(Number),
        column: 3,
        path: "/rss/channel",
        rule: "missing-element",
        severity: "error",
        message: "<channel> must contain a <title> element",
        spec: "https://www.rssboard.org/rss-specification#requiredChannelElements",
      },
    ]);
    expect(result.code).toBe(1);
  });

  it("says it cannot tell the format of a file that is no feed: exit 1", async () => {
    const file = path.join(repoRoot, "README.md");
    const result = await runCli([file]);
    expect(result.lines).toEqual([
      `${file}:1:1: /: error [unknown-document] the document is neither XML (RSS, Atom) nor JSON (JSON Feed): it does not start with < or { (https://www.rssboard.org/rss-specification)`,
      "checked 1 feed: 1 error, 0 warnings",
    ]);
    expect(result.code).toBe(1);
  });

  it("checks as the format --kind names, whatever the text looks like: exit 1", async () => {
    const dir = await makeArticlesDir({ "feed.json": await renderedFeed("/feed.json") });
    const file = path.join(dir, "feed.json");
    const result = await runCli(["--kind", "rss", file]);
    expect(problemsAt(result.lines, file)).toContainEqual(expect.stringMatching(/^:1:1: /));
    expect(result.code).toBe(1);
  });

  it("exits 2 when a file given cannot be read, after checking the others", async () => {
    const dir = await makeArticlesDir({ "rss.xml": await renderedFeed("/rss.xml") });
    const missing = path.join(dir, "missing.xml");
    const result = await runCli([missing, path.join(dir, "rss.xml")]);
    expect(result.stderr).toContain(`${missing}: cannot read the file: ENOENT`);
    expect(result.lines).toEqual(["checked 1 feed: 0 errors, 0 warnings; 1 could not be read"]);
    expect(result.code).toBe(2);
  });
});

describe("npm run validate URL", () => {
  it("fetches a valid feed from a local server: exit 0", async () => {
    const base = await startFeedServer({ "/rss.xml": await renderedFeed("/rss.xml") });
    const result = await runCli([`${base}/rss.xml`]);
    expect(result.lines).toEqual(["checked 1 feed: 0 errors, 0 warnings"]);
    expect(result.code).toBe(0);
  });

  it("reports the faults of a broken feed under its URL: exit 1", async () => {
    const base = await startFeedServer({
      "/broken.xml": withoutChannelTitle(await renderedFeed("/rss.xml")),
    });
    const url = `${base}/broken.xml`;
    const result = await runCli([url]);
    expect(problemsAt(result.lines, url)).toEqual([
      expect.stringMatching(/^:\d+:\d+: \/rss\/channel: error \[missing-element\] .*<title>/),
    ]);
    expect(result.code).toBe(1);
  });

  it("exits 2 when the server answers an error status", async () => {
    const base = await startFeedServer({});
    const url = `${base}/gone.xml`;
    const result = await runCli([url]);
    expect(result.stderr).toContain(`${url}: cannot fetch: HTTP 404`);
    expect(result.code).toBe(2);
  });

  it("exits 2 when nothing listens on the port", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/rss.xml`;
    const result = await runCli([url]);
    expect(result.stderr).toContain(`${url}: cannot fetch: `);
    expect(result.stderr).toContain("ECONNREFUSED");
    expect(result.lines).toEqual(["checked 0 feeds: 0 errors, 0 warnings; 1 could not be read"]);
    expect(result.code).toBe(2);
  });
});

describe("npm run validate arguments", () => {
  it("prints usage with --help, telling the gate's closed grammar from the open mode: exit 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.stdout).toMatch(/^Usage: wirefeed validate/);
    expect(result.stdout).toContain("whose RSS grammar is closed");
    expect(result.stdout).toContain("in open mode");
    expect(result.code).toBe(0);
  });

  it("exits 2 on an unknown option, printing nothing on stdout", async () => {
    const result = await runCli(["--strict"]);
    expect(result.stderr).toContain("--strict");
    expect(result.stdout).toBe("");
    expect(result.code).toBe(2);
  });

  it("rejects a --kind that is no format, and --kind without a FILE or URL", () => {
    expect(() => parseArguments(["--kind", "rdf", "feed.xml"])).toThrow(UsageError);
    expect(() => parseArguments(["--kind", "atom"])).toThrow(UsageError);
    expect(parseArguments(["--kind", "json", "a", "b"])).toEqual({
      help: false,
      kind: "json",
      format: "text",
      inputs: ["a", "b"],
    });
    expect(() => parseArguments(["--format", "xml", "a"])).toThrow(UsageError);
    expect(() => parseArguments(["--format", "json"])).toThrow(UsageError);
    expect(parseArguments(["--format", "json", "--media-dir", "m", "a"])).toEqual({
      help: false,
      format: "json",
      mediaDir: "m",
      inputs: ["a"],
    });
  });
});

describe("validation core", () => {
  it("formats a problem with the line and column only when known", () => {
    expect(formatProblem({ location: "/rss.xml", line: 12, column: 3, message: "m" })).toBe(
      "/rss.xml:12:3: m",
    );
    expect(formatProblem({ location: "a.xml", line: 4, message: "m" })).toBe("a.xml:4: m");
    expect(formatProblem({ location: "articles/x.md", message: "published: required" })).toBe(
      "articles/x.md: published: required",
    );
    expect(formatProblem({ location: "x", message: "two\n  lines" })).toBe("x: two lines");
  });

  it("reports bytes that are not UTF-8 instead of guessing their characters", () => {
    const latin1 = Buffer.from('<?xml version="1.0"?><rss version="2.0">caf\xe9</rss>', "latin1");
    expect(validateDocument("f.xml", latin1)).toEqual([
      { location: "f.xml", message: "the document is not valid UTF-8; feeds must be UTF-8" },
    ]);
  });

  it("reports an article relative to the working folder and checks each feed of the site", async () => {
    const articlesDir = await makeArticlesDir({
      "bad.md": "---\ntitle: [unclosed\n---\nBody\n",
      "empty.txt": "",
    });
    const report = await validateStore(
      { articlesDir, siteUrl: testSiteUrl, site: testSite() },
      path.dirname(articlesDir),
    );
    expect(report.articleFiles).toBe(2);
    expect(report.feeds).toBe(3);
    const locations = report.problems.map((problem) => problem.location);
    expect(locations).toEqual([
      path.join(path.basename(articlesDir), "bad.md"),
      path.join(path.basename(articlesDir), "empty.txt"),
    ]);
    expect(report.problems[0]?.message).toMatch(
      /^front matter is not valid YAML: line \d+, column \d+: /,
    );
  });

  it("gives the CLI tests rendered feeds that carry the articles", async () => {
    for (const urlPath of ["/rss.xml", "/atom.xml", "/feed.json"] as const) {
      const feed = await renderedFeed(urlPath);
      expect(feed).toContain(seedTitle);
      expect(feed).toContain("Budget: what changes");
    }
  });
});
