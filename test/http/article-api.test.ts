// The publishing API through the real server and real files.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FeedValidator } from "../../src/renditions/site/site-snapshot.js";
import { validateRenderedFeed } from "../../src/validate/index.js";
import type { WorkBounds } from "../../src/workers/work-bounds.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { xmlTexts } from "../support/xml.js";

const token = "test-token-0123456789abcdef0123";

async function apiServer(
  options: { validate?: FeedValidator; workBounds?: Partial<WorkBounds> } = {},
) {
  const dir = await makeArticlesDir(
    {
      "first.md": markdownArticle({
        title: "First",
        published: "2026-01-01T00:00:00Z",
        id: "urn:uuid:6f1c0c2e-0000-4000-8000-000000000001",
      }),
    },
    { withSeed: true },
  );
  const server = await startTestServer(dir, { apiToken: token, ...options });
  const api = (pathname: string, init: RequestInit = {}) =>
    fetch(`${server.baseUrl}/api/articles${pathname}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        "Content-Type": "application/json",
        ...init.headers,
      },
    });
  return { ...server, dir, api };
}

/** Every file in the folder with its content: to show that a refused write changed nothing. */
async function folderState(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(
      names.map(async (name) => [name, await readFile(path.join(dir, name), "utf8")]),
    ),
  );
}

async function feedTitles(baseUrl: string) {
  const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
  const atom = await (await fetch(`${baseUrl}/atom.xml`)).text();
  const json = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
    items: Array<{ title: string }>;
  };
  return [
    xmlTexts(rss, "/rss/channel/item/title"),
    xmlTexts(atom, "/atom:feed/atom:entry/atom:title"),
    json.items.map((i) => i.title),
  ];
}

describe("the publishing API", () => {
  it("is off without an API token", async () => {
    const dir = await makeArticlesDir({}, { withSeed: true });
    const { baseUrl } = await startTestServer(dir);
    expect(
      (await fetch(`${baseUrl}/api/articles`, { headers: { Authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(404);
  });

  it("answers 401 without a token and 403 with a wrong one, and writes nothing", async () => {
    const { baseUrl, dir } = await apiServer();
    const before = await folderState(dir);
    const none = await fetch(`${baseUrl}/api/articles`, { method: "POST", body: "{}" });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="wirefeed"');
    const wrong = await fetch(`${baseUrl}/api/articles`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}x`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "X", body: "x" }),
    });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: "The API token is not valid", problems: [] });
    expect(await folderState(dir)).toEqual(before);
  });

  it("creates, edits and deletes an article, and every feed follows at once", async () => {
    const { baseUrl, dir, api } = await apiServer();
    const created = await api("", {
      method: "POST",
      body: JSON.stringify({
        title: "Budget & tax",
        published: "2026-03-01T09:00:00+01:00",
        tags: ["Economy"],
        body: "The *budget*.",
      }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/api/articles/budget-tax");
    const article = (await created.json()) as Record<string, unknown>;
    expect(article).toMatchObject({
      id: "tag:news.example.com,2026:article/budget-tax",
      slug: "budget-tax",
      title: "Budget & tax",
      published: "2026-03-01T09:00:00+01:00",
      body: "The *budget*.",
      file: "budget-tax.md",
      url: `${baseUrl}/articles/budget-tax`,
    });
    expect(await readFile(path.join(dir, "budget-tax.md"), "utf8")).toContain(
      "id: tag:news.example.com,2026:article/budget-tax",
    );
    const lavrov = "Russia to continue backing Iraqi, Syrian governments: Lavrov";
    expect(await feedTitles(baseUrl)).toEqual(Array(3).fill(["Budget & tax", "First", lavrov]));
    expect((await fetch(`${baseUrl}/articles/budget-tax`)).status).toBe(200);

    const read = await api("/budget-tax");
    const etag = read.headers.get("etag") ?? "";
    const edited = await api("/budget-tax", {
      method: "PUT",
      headers: { "If-Match": etag },
      body: JSON.stringify({
        title: "Budget and tax",
        updated: "2026-03-02T10:00:00Z",
        tags: ["Economy"],
        body: "Revised.",
      }),
    });
    expect(edited.status).toBe(200);
    expect(edited.headers.get("etag")).not.toBe(etag);
    expect(await edited.json()).toMatchObject({
      id: "tag:news.example.com,2026:article/budget-tax",
      published: "2026-03-01T09:00:00+01:00",
      title: "Budget and tax",
    });
    expect(await feedTitles(baseUrl)).toEqual(Array(3).fill(["Budget and tax", "First", lavrov]));

    const stale = await api("/budget-tax", { method: "DELETE", headers: { "If-Match": etag } });
    expect(stale.status).toBe(412);
    const deleted = await api("/budget-tax", {
      method: "DELETE",
      headers: { "If-Match": edited.headers.get("etag") ?? "" },
    });
    expect(deleted.status).toBe(204);
    expect(await feedTitles(baseUrl)).toEqual(Array(3).fill(["First", lavrov]));
    expect((await fetch(`${baseUrl}/articles/budget-tax`)).status).toBe(410); // gone: readers may hold it
    expect((await readdir(dir)).sort()).toEqual(["000_d0c35f80829a8acd.txt", "first.md"]);
  });

  it("lets exactly one of two concurrent writes with the same If-Match through", async () => {
    const { api } = await apiServer();
    const etag = (await api("/first")).headers.get("etag") ?? "";
    const put = (title: string) =>
      api("/first", {
        method: "PUT",
        headers: { "If-Match": etag },
        body: JSON.stringify({ title, body: title }),
      });
    const statuses = (await Promise.all([put("One"), put("Two")]))
      .map((response) => response.status)
      .sort();
    expect(statuses).toEqual([200, 412]);
  });

  it("lists articles newest first and reads one with its body", async () => {
    const { api } = await apiServer();
    const list = (await (await api("")).json()) as {
      total: number;
      articles: Array<{ slug: string }>;
    };
    expect(list.total).toBe(2);
    expect(list.articles.map((a) => a.slug)).toEqual([
      "first",
      "russia-to-continue-backing-iraqi-syrian-governments-lavrov",
    ]);
    const seed = (await (
      await api("/russia-to-continue-backing-iraqi-syrian-governments-lavrov")
    ).json()) as { body: string; published: string };
    expect(seed.published).toBe("2014-10-20T12:00:00+04:00");
    expect(
      seed.body.startsWith(
        "Russia to continue backing Iraqi, Syrian governments: Lavrov\n\n  • Written by:\n",
      ),
    ).toBe(true);
    expect((await api("/nope")).status).toBe(404);
  });

  it.each([
    ["no body field", { title: "T" }, ["body: required"]],
    ["a body that is not text", { title: "T", body: 3 }, ["body: expected a string"]],
    ["an empty title", { title: " ", body: "b" }, ["title: the title cannot be empty"]],
    [
      "a date without offset",
      { title: "T", published: "2026-01-01T00:00:00", body: "b" },
      [expect.stringMatching(/^published: expected an ISO 8601 date-time with an offset/)],
    ],
    [
      "an unknown field",
      { title: "T", body: "b", publshed: "x" },
      ['front matter: unknown key "publshed"'],
    ],
    [
      "tags that are not a list",
      { title: "T", body: "b", tags: "x" },
      ["tags: one name, not a list"],
    ],
    [
      "a slug with spaces",
      { title: "T", body: "b", slug: "a b" },
      ["slug: expected lowercase letters, digits and hyphens, such as my-story"],
    ],
    [
      "several faults at once",
      { title: "", tags: [""], body: "b", image: 4 },
      [
        "title: the title cannot be empty",
        "tags.0: empty",
        "image: expected a URL, or { url, caption, alt, width, height, type }",
      ],
    ],
  ])(
    "refuses a new article with %s (422, every problem listed, nothing written)",
    async (_name, input, problems) => {
      const { api, dir } = await apiServer();
      const before = await folderState(dir);
      const response = await api("", { method: "POST", body: JSON.stringify(input) });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { problems: string[] }).problems).toEqual(problems);
      expect(await folderState(dir)).toEqual(before);
    },
  );

  it.each([
    [
      "a new id",
      { id: "urn:x:other", title: "T", body: "b" },
      "id: cannot change; it is the article's permanent identity",
    ],
    [
      "a moved publication date",
      { published: "2026-02-01T00:00:00Z", title: "T", body: "b" },
      "published: cannot move; set updated instead",
    ],
  ])("refuses an edit that gives %s", async (_name, input, problem) => {
    const { api, dir } = await apiServer();
    const before = await folderState(dir);
    const response = await api("/first", { method: "PUT", body: JSON.stringify(input) });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { problems: string[] }).problems).toEqual([problem]);
    expect(await folderState(dir)).toEqual(before);
  });

  it("refuses wrong content types, bad JSON, oversized bodies and taken slugs, writing nothing", async () => {
    const { api, dir } = await apiServer();
    const before = await folderState(dir);
    expect(
      (await api("", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "title" }))
        .status,
    ).toBe(415);
    expect((await api("", { method: "POST", body: "{not json" })).status).toBe(400);
    expect((await api("", { method: "POST", body: "[1,2]" })).status).toBe(422);
    const huge = JSON.stringify({ title: "Huge", body: "x".repeat(2 * 1024 * 1024) });
    expect((await api("", { method: "POST", body: huge })).status).toBe(413);
    const taken = await api("", {
      method: "POST",
      body: JSON.stringify({ title: "First", body: "again" }),
    });
    expect(taken.status).toBe(409);
    expect(await folderState(dir)).toEqual(before);
  });

  it("refuses a write whose feeds would fail validation, with the validator's message", async () => {
    const rejectPoison: FeedValidator = (format, text) => [
      ...validateRenderedFeed(format, text),
      ...(text.includes("POISON") ? ["test rule: the feed mentions POISON"] : []),
    ];
    const { api, dir, logs } = await apiServer({ validate: rejectPoison });
    const before = await folderState(dir);
    const response = await api("", {
      method: "POST",
      body: JSON.stringify({ title: "POISON", published: "2026-03-01T00:00:00Z", body: "b" }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: "The feeds would not be valid with this article",
      problems: [
        "/rss.xml: test rule: the feed mentions POISON",
        "/atom.xml: test rule: the feed mentions POISON",
        "/feed.json: test rule: the feed mentions POISON",
        "/archive/2026-03/atom.xml: test rule: the feed mentions POISON",
        "/archive/2026-03/feed.json: test rule: the feed mentions POISON",
        "/archive/2026-03/rss.xml: test rule: the feed mentions POISON",
      ],
    });
    // A refused trial is the answer to the request, not a failure of the site.
    expect(logs.filter((entry) => entry.level === "error")).toEqual([]);
    expect(await folderState(dir)).toEqual(before);
  });

  it("answers 409 naming the file for a POST whose file exists but does not parse, and leaves it as it is", async () => {
    const { api, dir, baseUrl } = await apiServer();
    const draft = "---\ntitle: Budget draft\npublished: not yet\n---\nHalf-written by hand.\n";
    await writeFile(path.join(dir, "budget-draft.md"), draft);
    await fetch(`${baseUrl}/healthz`);
    const before = await folderState(dir);
    const response = await api("", {
      method: "POST",
      body: JSON.stringify({ title: "Budget draft", body: "From the API." }),
    });
    expect(response.status).toBe(409);
    const answer = (await response.json()) as { error: string; problems: string[] };
    expect(answer.error).toBe(
      "The file budget-draft.md exists and cannot be read as an article; it was left as it is",
    );
    expect(answer.problems).toEqual([
      expect.stringMatching(
        /^slug: "budget-draft" is the file budget-draft\.md, which cannot be read: published: /,
      ),
    ]);
    expect(await folderState(dir)).toEqual(before);
    expect(await readFile(path.join(dir, "budget-draft.md"), "utf8")).toBe(draft);
  });

  it("refuses a body that cannot be rendered with 422 and writes nothing", async () => {
    const { api, dir, baseUrl } = await apiServer({ workBounds: { renderTimeoutMs: 500 } });
    const before = await folderState(dir);
    const etag = (await fetch(`${baseUrl}/rss.xml`)).headers.get("etag");
    const tooDeep =
      "body: block quotes or lists nested more than 100 levels deep (body line 1); refused";
    for (const [body, problem] of [
      ["> ".repeat(2_000), tooDeep],
      ["1. ".repeat(2_000), tooDeep],
      // Quadratic emphasis: about 25 s of rendering, stopped at the bound.
      ["_a".repeat(50_000), "body: not rendered within 500 ms (RENDER_TIMEOUT_MS); refused"],
    ]) {
      const response = await api("", {
        method: "POST",
        body: JSON.stringify({ title: "Deep", published: "2026-03-01T00:00:00Z", body }),
      });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { problems: string[] }).problems).toEqual([problem]);
    }
    expect(await folderState(dir)).toEqual(before);
    expect((await fetch(`${baseUrl}/rss.xml`)).headers.get("etag")).toBe(etag);
  });

  it("leaves folder, feeds and health as they were after every kind of refused write", async () => {
    const { api, dir, baseUrl } = await apiServer();
    await writeFile(path.join(dir, "broken.md"), "---\ntitle: [unclosed\n---\n");
    const created = await api("", {
      method: "POST",
      body: JSON.stringify({ title: "Second", published: "2026-02-01T00:00:00Z", body: "Two." }),
    });
    expect(created.status).toBe(201);
    const etag = created.headers.get("etag") ?? "";
    const state = async () => ({
      folder: await folderState(dir),
      rss: (await fetch(`${baseUrl}/rss.xml`)).headers.get("etag"),
      health: await (await fetch(`${baseUrl}/healthz`)).json(),
    });
    await fetch(`${baseUrl}/healthz`);
    const before = await state();
    const refusals: Array<[string, RequestInit, number]> = [
      ["", { method: "POST", body: JSON.stringify({ title: "", body: "x" }) }, 422],
      ["", { method: "POST", body: JSON.stringify({ title: "Second", body: "x" }) }, 409],
      ["", { method: "POST", body: JSON.stringify({ title: "Broken", body: "x" }) }, 409],
      [
        "",
        {
          method: "POST",
          body: JSON.stringify({
            title: "Same id",
            id: "urn:uuid:6f1c0c2e-0000-4000-8000-000000000001",
            body: "x",
          }),
        },
        409,
      ],
      ["", { method: "POST", body: JSON.stringify({ title: "x", slug: "../up", body: "x" }) }, 422],
      [
        "/second",
        {
          method: "PUT",
          headers: { "If-Match": '"stale"' },
          body: JSON.stringify({ title: "Second", body: "y" }),
        },
        412,
      ],
      [
        "/second",
        { method: "PUT", body: JSON.stringify({ title: "Second", body: "> ".repeat(2_000) }) },
        422,
      ],
      [
        "/second",
        {
          method: "PUT",
          body: JSON.stringify({ title: "Second", published: "2020-01-01T00:00:00Z", body: "y" }),
        },
        422,
      ],
      ["/second", { method: "DELETE", headers: { "If-Match": '"stale"' } }, 412],
      ["/nobody", { method: "DELETE", headers: { "If-Match": etag } }, 404],
    ];
    for (const [pathname, init, status] of refusals) {
      const response = await api(pathname, init);
      expect(response.status, `${init.method} ${pathname} ${String(init.body).slice(0, 60)}`).toBe(
        status,
      );
      await response.body?.cancel();
      expect(await state()).toEqual(before);
    }
  });

  it("does not replace a file edited by hand into something that does not parse, unless told its ETag", async () => {
    const { api, dir } = await apiServer();
    const edit =
      "---\ntitle: First\npublished: soon\nid: urn:uuid:6f1c0c2e-0000-4000-8000-000000000001\n---\nBeing rewritten.\n";
    await writeFile(path.join(dir, "first.md"), edit);
    const input = { title: "First, again", body: "From the API." };
    const blind = await api("/first", { method: "PUT", body: JSON.stringify(input) });
    expect(blind.status).toBe(409);
    const refusal = (await blind.json()) as { error: string; problems: string[] };
    expect(refusal.error).toMatch(/^The file first\.md was changed and does not parse/);
    expect(refusal.problems).toEqual([expect.stringMatching(/^first\.md: published: /)]);
    expect(await readFile(path.join(dir, "first.md"), "utf8")).toBe(edit);

    const read = await api("/first");
    expect(read.status).toBe(200);
    const informed = await api("/first", {
      method: "PUT",
      headers: { "If-Match": read.headers.get("etag") ?? "" },
      body: JSON.stringify(input),
    });
    expect(informed.status).toBe(200);
    expect(await readFile(path.join(dir, "first.md"), "utf8")).toContain("From the API.");

    await writeFile(path.join(dir, "first.md"), "---\ntitle: [unclosed\n---\n");
    const unreadable = await api("/first");
    expect(unreadable.status).toBe(409);
    expect(((await unreadable.json()) as { problems: string[] }).problems).toEqual([
      expect.stringMatching(/^first\.md: front matter is not valid YAML: line 3/),
    ]);
  });
});
