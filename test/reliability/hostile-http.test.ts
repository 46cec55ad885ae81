// Hostile HTTP input against the real server: path traversal in every path parameter, absurd
// headers, malformed conditionals and ranges, huge or deeply nested JSON and wrong content types.
// Each gets the right 4xx (or, for a malformed optional header, the ordinary answer) and nothing
// else: no file from elsewhere, no 500, nothing written, and the server answers /healthz after.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { type RawResponse, rawGet, rawRequest } from "./raw-http.js";

const token = "hostile-test-token-0123456789abcdef";

/** A server with the API on, and a file outside its articles folder that nothing may reach. */
async function hostileServer() {
  const outside = await mkdtemp(path.join(tmpdir(), "wirefeed-outside-"));
  onTestFinished(() => rm(outside, { recursive: true, force: true }));
  await writeFile(path.join(outside, "victim.md"), "SECRET OUTSIDE THE FOLDER\n");
  const dir = await makeArticlesDir(
    {
      "first.md": markdownArticle({ title: "First", published: "2026-01-01T00:00:00Z" }),
    },
    { withSeed: true },
  );
  const server = await startTestServer(dir, { apiToken: token });
  const relativeVictim = path.relative(dir, path.join(outside, "victim"));
  return { ...server, dir, outside, relativeVictim };
}

async function folderState(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), "utf8")])),
  );
}

async function expectAlive(baseUrl: string): Promise<void> {
  const health = await fetch(`${baseUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(((await health.json()) as { status: string }).status).toBe("ok");
}

function expectNoLeak(response: RawResponse): void {
  const text = response.body.toString("latin1");
  expect(text).not.toContain("SECRET OUTSIDE");
  expect(text).not.toMatch(/root:x?:0:0|\[boot loader\]|at [\w.<>]+ \(.*:\d+:\d+\)/);
}

/** Traversal payloads for one path segment: dot segments, encoded, double-encoded, backslashes, NUL. */
function traversals(victim: string): string[] {
  const up = "../../../../../../../../etc/passwd";
  return [
    up,
    victim,
    encodeURIComponent(up),
    encodeURIComponent(victim),
    up.replaceAll(".", "%2e").replaceAll("/", "%2f"),
    encodeURIComponent(encodeURIComponent(up)),
    up.replaceAll("/", "%252f"),
    up.replaceAll("/", "\\"),
    up.replaceAll("/", "%5c"),
    up.replaceAll("/", "%255c"),
    "%c0%ae%c0%ae%2f%c0%ae%c0%ae%2fetc%2fpasswd",
    "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "....//....//....//etc/passwd",
    ".%2e/first",
    "first%00",
    "first%00.md",
    "%00",
    "first.md",
    "000_d0c35f80829a8acd.txt",
  ];
}

describe("path traversal", () => {
  it("in /articles/:slug gets 404 and never a file, for every encoding", async () => {
    const { baseUrl, relativeVictim } = await hostileServer();
    for (const payload of traversals(relativeVictim)) {
      for (const target of [`/articles/${payload}`, `/${payload}`, `/articles/first/${payload}`]) {
        const response = await rawGet(baseUrl, target);
        expect({ target, status: response.status }).toEqual({ target, status: 404 });
        expectNoLeak(response);
      }
    }
    await expectAlive(baseUrl);
  });

  it.each(["GET", "PUT", "DELETE"])(
    "in %s /api/articles/:slug gets 404 (or 400 for an undecodable one), writes and removes nothing",
    async (method) => {
      const { baseUrl, dir, outside, relativeVictim } = await hostileServer();
      const before = await folderState(dir);
      const body = Buffer.from(JSON.stringify({ title: "Overwritten", body: "pwned" }));
      for (const payload of traversals(relativeVictim)) {
        const response = await rawRequest(
          baseUrl,
          [
            `${method} /api/articles/${payload} HTTP/1.1`,
            "Host: x",
            `Authorization: Bearer ${token}`,
            "Content-Type: application/json",
            `Content-Length: ${method === "PUT" ? body.length : 0}`,
          ].join("\r\n"),
          method === "PUT" ? body : undefined,
        );
        // %c0%ae is not UTF-8: Express cannot decode the parameter and says so with 400.
        const expected = /^%c0[^/]*$/.test(payload) ? 400 : 404;
        expect({ payload, status: response.status }).toEqual({ payload, status: expected });
        expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
        expectNoLeak(response);
      }
      expect(await folderState(dir)).toEqual(before);
      expect(await readFile(path.join(outside, "victim.md"), "utf8")).toBe(
        "SECRET OUTSIDE THE FOLDER\n",
      );
      await expectAlive(baseUrl);
    },
  );

  it("in the slug of a new article gets 422 and writes nothing", async () => {
    const { baseUrl, dir, relativeVictim } = await hostileServer();
    const before = await folderState(dir);
    for (const slug of [
      relativeVictim,
      "../x",
      "..\\x",
      "x/../../y",
      "x\u0000",
      ".hidden",
      "a.md",
    ]) {
      const response = await fetch(`${baseUrl}/api/articles`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ title: "T", slug, body: "b" }),
      });
      expect({ slug, status: response.status }).toEqual({ slug, status: 422 });
    }
    expect(await folderState(dir)).toEqual(before);
    await expectAlive(baseUrl);
  });

  it("in a title becomes a plain slug inside the articles folder", async () => {
    const { baseUrl, dir } = await hostileServer();
    const response = await fetch(`${baseUrl}/api/articles`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "../../../etc/passwd\\..\u0000", body: "b" }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe("/api/articles/etc-passwd");
    expect(await readdir(dir)).toContain("etc-passwd.md");
  });

  it("as a raw NUL or control byte in the request line gets 400 from the HTTP parser", async () => {
    const { baseUrl } = await hostileServer();
    for (const target of [
      "/articles/first\u0000",
      "/articles/\u0000../etc/passwd",
      "/rss.xml\u0001",
    ]) {
      const response = await rawGet(baseUrl, target);
      expect(response.status).toBe(400);
      expectNoLeak(response);
    }
    await expectAlive(baseUrl);
  });
});

describe("absurd headers", () => {
  it.each([
    ["one 20 KiB header", [`X-Big: ${"a".repeat(20 * 1024)}`]],
    ["one 1 MiB header", [`X-Big: ${"a".repeat(1024 * 1024)}`]],
    ["3000 headers of 10 bytes", Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}`)],
    ["a 20 KiB cookie", [`Cookie: ${"c=1; ".repeat(4096)}`]],
    ["a 20 KiB Authorization header", [`Authorization: Bearer ${"t".repeat(20 * 1024)}`]],
  ])("%s gets 431 and the server lives on", async (_name, lines) => {
    const { baseUrl } = await hostileServer();
    for (const target of ["/rss.xml", "/api/articles"]) {
      const response = await rawGet(baseUrl, target, lines);
      expect(response.status).toBe(431);
    }
    await expectAlive(baseUrl);
  });

  it("a 20 KiB request target gets 431", async () => {
    const { baseUrl } = await hostileServer();
    expect((await rawGet(baseUrl, `/articles/${"a".repeat(20 * 1024)}`)).status).toBe(431);
    await expectAlive(baseUrl);
  });

  it.each([
    ["a header name with a space", ["Bad Name: x"]],
    ["a control byte in a value", ["X-Ctl: a\u0001b"]],
    ["a line without a colon", ["no-colon-here"]],
    ["two Content-Length values", ["Content-Length: 1", "Content-Length: 2"]],
    ["Content-Length and chunked together", ["Content-Length: 3", "Transfer-Encoding: chunked"]],
  ])("%s gets 400 from the HTTP parser", async (_name, lines) => {
    const { baseUrl } = await hostileServer();
    expect((await rawGet(baseUrl, "/rss.xml", lines)).status).toBe(400);
    await expectAlive(baseUrl);
  });

  it("an unknown method gets 400 and TRACE on a feed 405", async () => {
    const { baseUrl } = await hostileServer();
    expect((await rawRequest(baseUrl, "FOO /rss.xml HTTP/1.1\r\nHost: x")).status).toBe(400);
    const trace = await rawRequest(baseUrl, "TRACE /rss.xml HTTP/1.1\r\nHost: x");
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe("GET, HEAD");
    await expectAlive(baseUrl);
  });
});

describe("malformed conditional and range headers", () => {
  const malformed = [
    "If-None-Match: garbage",
    'If-None-Match: "unterminated',
    "If-None-Match: W/",
    "If-None-Match: ,,,,",
    'If-None-Match: "a" "b"',
    `If-None-Match: ${'"x",'.repeat(2000)}`,
    "If-Modified-Since: yesterday",
    "If-Modified-Since: Mon, 99 Foo 99999 99:99:99 GMT",
    "If-Modified-Since: -1",
    "If-Modified-Since: ",
    `If-Modified-Since: ${"9".repeat(4000)}`,
    "Range: bytes=0-10",
    "Range: bytes=abc",
    "Range: bytes=-",
    "Range: bytes=99999999-",
    `Range: bytes=${Array.from({ length: 500 }, (_, i) => `${i}-${i}`).join(",")}`,
    "If-Range: garbage",
    "Accept-Encoding: gzip;q=abc",
    "Accept-Encoding: ;;;,,,",
    "Accept-Encoding: br;q=2",
    `Accept-Encoding: ${"x,".repeat(4000)}`,
  ];

  it.each(["/rss.xml", "/atom.xml", "/feed.json", "/", "/articles/first"])(
    "GET %s answers the ordinary 200 with the whole body to each",
    async (target) => {
      const { baseUrl } = await hostileServer();
      const ordinary = await rawGet(baseUrl, target, ["Accept-Encoding: identity"]);
      expect(ordinary.status).toBe(200);
      for (const line of malformed) {
        const response = await rawGet(baseUrl, target, [line]);
        expect({ line: line.slice(0, 60), status: response.status }).toEqual({
          line: line.slice(0, 60),
          status: 200,
        });
        expect(response.headers["content-range"]).toBeUndefined();
        expect({ line: line.slice(0, 60), same: response.body.equals(ordinary.body) }).toEqual({
          line: line.slice(0, 60),
          same: true,
        });
      }
      await expectAlive(baseUrl);
    },
  );

  it("If-None-Match: * matches the existing feed (304), as RFC 9110 says", async () => {
    const { baseUrl } = await hostileServer();
    expect((await rawGet(baseUrl, "/rss.xml", ["If-None-Match: *"])).status).toBe(304);
  });
});

describe("hostile JSON bodies", () => {
  async function post(
    baseUrl: string,
    body: Buffer,
    headers: readonly string[] = ["Content-Type: application/json"],
  ): Promise<RawResponse> {
    return rawRequest(
      baseUrl,
      [
        "POST /api/articles HTTP/1.1",
        "Host: x",
        `Authorization: Bearer ${token}`,
        ...headers,
        ...(headers.some((line) => /^transfer-encoding/i.test(line))
          ? []
          : [`Content-Length: ${body.length}`]),
      ].join("\r\n"),
      body,
    );
  }

  function chunked(body: Buffer): Buffer {
    const parts: Buffer[] = [];
    for (let offset = 0; offset < body.length; offset += 65_536) {
      const piece = body.subarray(offset, offset + 65_536);
      parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n"));
    }
    parts.push(Buffer.from("0\r\n\r\n"));
    return Buffer.concat(parts);
  }

  const article = (extra: string) => `{"title":"Deep","body":"b",${extra}}`;
  const deep = (levels: number, open: string, close: string) =>
    `${open.repeat(levels)}${close.repeat(levels)}`;

  it("over 1 MiB gets 413, declared or chunked or gzip-compressed, and nothing is written", async () => {
    const { baseUrl, dir } = await hostileServer();
    const before = await folderState(dir);
    const huge = Buffer.from(JSON.stringify({ title: "Huge", body: "a".repeat(5 * 2 ** 20) }));
    expect((await post(baseUrl, huge)).status).toBe(413);
    expect(
      (
        await post(baseUrl, chunked(huge), [
          "Content-Type: application/json",
          "Transfer-Encoding: chunked",
        ])
      ).status,
    ).toBe(413);
    // A gzip bomb: 20 KiB on the wire, 20 MiB inflated. The limit counts inflated bytes.
    const bomb = gzipSync(Buffer.from(`{"title":"B","body":"${" ".repeat(20 * 2 ** 20)}"}`));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(
      (await post(baseUrl, bomb, ["Content-Type: application/json", "Content-Encoding: gzip"]))
        .status,
    ).toBe(413);
    expect(await folderState(dir)).toEqual(before);
    await expectAlive(baseUrl);
  });

  it.each([
    ["100,000 levels of [", deep(100_000, "[", "]")],
    ["100,000 unclosed [", "[".repeat(100_000)],
    ['100,000 levels of {"a":', `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`],
    ["an article whose tags nest 100,000 levels", article(`"tags":${deep(100_000, "[", "]")}`)],
    [
      "an article whose image nests 10,000 levels",
      article(`"image":${'{"url":'.repeat(10_000)}"x"${"}".repeat(10_000)}`),
    ],
    ["an article whose summary nests 64 levels", article(`"summary":${deep(64, "[", "]")}`)],
  ])("%s gets a 4xx, never a 500, and writes nothing", async (_name, text) => {
    const { baseUrl, dir, logs } = await hostileServer();
    const before = await folderState(dir);
    const response = await post(baseUrl, Buffer.from(text));
    expect([400, 413, 422]).toContain(response.status);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expectNoLeak(response);
    expect(logs.filter((entry) => entry.level === "error")).toEqual([]);
    expect(await folderState(dir)).toEqual(before);
    await expectAlive(baseUrl);
  });

  it("__proto__ and constructor keys are refused (422) and pollute nothing", async () => {
    const { baseUrl, dir } = await hostileServer();
    const before = await folderState(dir);
    for (const extra of [
      '"__proto__":{"polluted":"yes"}',
      '"constructor":{"prototype":{"polluted":"yes"}}',
      '"image":{"url":"/x.jpg","__proto__":{"polluted":"yes"}}',
    ]) {
      const response = await post(baseUrl, Buffer.from(article(extra)));
      expect({ extra, status: response.status }).toEqual({ extra, status: 422 });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await folderState(dir)).toEqual(before);
    await expectAlive(baseUrl);
  });

  it.each([
    ["text/plain", ["Content-Type: text/plain"]],
    ["a form", ["Content-Type: application/x-www-form-urlencoded"]],
    ["multipart", ["Content-Type: multipart/form-data; boundary=x"]],
    ["no content type", []],
    ["a +json type", ["Content-Type: application/merge-patch+json"]],
    ["JSON in latin1", ["Content-Type: application/json; charset=latin1"]],
    ["an unknown content coding", ["Content-Type: application/json", "Content-Encoding: compress"]],
  ])("%s gets 415 and writes nothing", async (_name, headers) => {
    const { baseUrl, dir } = await hostileServer();
    const before = await folderState(dir);
    const response = await post(baseUrl, Buffer.from(article('"tags":["x"]')), headers);
    expect(response.status).toBe(415);
    expect(await folderState(dir)).toEqual(before);
    await expectAlive(baseUrl);
  });
});
