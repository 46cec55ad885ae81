// Last-Modified moves whenever a representation's bytes move, never goes backwards, and survives
// a restart: deletions, backdated additions, silent fixes and replaced episode files all reach a
// poller that compares dates (If-Modified-Since, curl -z, libcurl in newsboat).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, onTestFinished } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { manualClock } from "../support/clock.js";
import { episodeFixture, testPodcastSite } from "../support/podcast-site.js";
import { startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";
import { makeMediaDir, wavBytes } from "../support/wav.js";
import { xmlTexts } from "../support/xml.js";

const run = promisify(execFile);
const siteUrl = "https://news.example.com";

async function makeStateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-state-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Every kind of representation: feeds in each format, sections, archives, pages, OPML, HTML. */
const paths = [
  "/rss.xml",
  "/atom.xml",
  "/feed.json",
  "/tags/world/rss.xml",
  "/tags/world/atom.xml",
  "/tags/world/feed.json",
  "/tags/world/",
  "/authors/ana-ruiz/rss.xml",
  "/archive/2026-03/rss.xml",
  "/archive/2026-03/feed.json",
  "/pages/2/rss.xml",
  "/feeds.opml",
  "/feeds/",
  "/",
  "/articles/a",
];

interface Validators {
  status: number;
  etag: string;
  lastModified: number;
}

async function validatorsOf(baseUrl: string, list: readonly string[] = paths) {
  const seen = new Map<string, Validators>();
  for (const urlPath of list) {
    const response = await fetch(`${baseUrl}${urlPath}`);
    await response.arrayBuffer();
    seen.set(urlPath, {
      status: response.status,
      etag: response.headers.get("etag") ?? "",
      lastModified: Date.parse(response.headers.get("last-modified") ?? ""),
    });
  }
  return seen;
}

/**
 * The promise itself, for every path: the same bytes keep their date; new bytes get a later one.
 * Returns the paths whose bytes changed.
 */
function expectDatesFollowBytes(
  before: Map<string, Validators>,
  after: Map<string, Validators>,
): string[] {
  const changed: string[] = [];
  for (const [urlPath, now] of after) {
    const then = before.get(urlPath) as Validators;
    if (now.status !== 200 || then.status !== 200) continue;
    if (now.etag === then.etag) {
      expect(now.lastModified, urlPath).toBe(then.lastModified);
    } else {
      expect(now.lastModified, urlPath).toBeGreaterThan(then.lastModified);
      changed.push(urlPath);
    }
  }
  return changed.sort();
}

/** What `curl -z DATE` answers: the status only, as a poller comparing dates sees it. */
async function curlSince(url: string, lastModified: number): Promise<string> {
  const { stdout } = await run("curl", [
    "-s",
    "-o",
    "/dev/null",
    "-w",
    "%{http_code}",
    "-z",
    new Date(lastModified).toUTCString(),
    url,
  ]);
  return stdout;
}

const article = (meta: Record<string, unknown>, body?: string) =>
  markdownArticle({ author: "Ana Ruiz", tags: ["World"], ...meta }, body);

const a = (body = "The first story.") =>
  article({ title: "A", slug: "a", published: "2026-03-01T08:00:00Z" }, body);
const b = article({ title: "B", slug: "b", published: "2026-03-02T08:00:00Z" });
const start = Date.parse("2026-06-01T00:00:00Z");

async function startSite(dir: string, stateDir: string, clock = manualClock(start)) {
  const server = await startTestServer(dir, {
    site: testSite({ feedSize: 1 }),
    siteUrl,
    stateDir,
    clock,
  });
  return { ...server, clock };
}

describe("Last-Modified", () => {
  it("of a representation never answered before is the newest date its data shows", async () => {
    const dir = await makeArticlesDir({ "a.md": a(), "b.md": b });
    const { baseUrl } = await startSite(dir, await makeStateDir());
    const seen = await validatorsOf(baseUrl);
    expect(seen.get("/rss.xml")?.lastModified).toBe(Date.parse("2026-03-02T08:00:00Z"));
    expect(seen.get("/articles/a")?.lastModified).toBe(Date.parse("2026-03-01T08:00:00Z"));
    for (const [urlPath, validators] of seen) expect(validators.status, urlPath).toBe(200);
  });

  it("moves past the old date after a deletion, a backdated addition and a silent fix, and curl -z gets 200", async () => {
    const dir = await makeArticlesDir({ "a.md": a(), "b.md": b });
    const { baseUrl, service, clock } = await startSite(dir, await makeStateDir());
    let before = await validatorsOf(baseUrl);

    // Deleting the newest article: the date the data shows goes back, Last-Modified goes forward.
    await rm(path.join(dir, "b.md"));
    clock.set(start + 10_000);
    await service.refresh(["b.md"]);
    let after = await validatorsOf(baseUrl);
    expect(expectDatesFollowBytes(before, after)).toEqual(
      expect.arrayContaining(["/rss.xml", "/tags/world/rss.xml", "/archive/2026-03/rss.xml", "/"]),
    );
    expect(after.get("/tags/world/rss.xml")?.lastModified).toBe(start + 10_000);
    const old = before.get("/tags/world/rss.xml") as Validators;
    expect(await curlSince(`${baseUrl}/tags/world/rss.xml`, old.lastModified)).toBe("200");
    expect(await curlSince(`${baseUrl}/tags/world/rss.xml`, start + 10_000)).toBe("304");

    // An article added with an older date than every other.
    before = after;
    await writeFile(
      path.join(dir, "c.md"),
      article({ title: "C", slug: "c", published: "2026-03-01T07:00:00Z" }),
    );
    clock.set(start + 20_000);
    await service.refresh(["c.md"]);
    after = await validatorsOf(baseUrl);
    expect(expectDatesFollowBytes(before, after)).toEqual(
      expect.arrayContaining(["/archive/2026-03/rss.xml", "/rss.xml"]),
    );
    expect(after.get("/archive/2026-03/rss.xml")?.lastModified).toBe(start + 20_000);
    // Page 2 was answered before the deletion, then gone: back, it moves past its old date too.
    expect(before.get("/pages/2/rss.xml")?.status).toBe(404);
    expect(after.get("/pages/2/rss.xml")?.lastModified).toBe(start + 20_000);

    // A typo fixed without `updated`.
    before = after;
    await writeFile(path.join(dir, "a.md"), a("The first story, fixed."));
    clock.set(start + 30_000);
    await service.refresh(["a.md"]);
    after = await validatorsOf(baseUrl);
    expect(expectDatesFollowBytes(before, after)).toEqual(
      expect.arrayContaining(["/rss.xml", "/atom.xml", "/feed.json", "/articles/a"]),
    );
    expect(after.get("/articles/a")?.lastModified).toBe(start + 30_000);
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(xmlTexts(rss, "/rss/channel/item/content:encoded")[0]).toContain("fixed");
  });

  it("never goes backwards, even when the clock does", async () => {
    const dir = await makeArticlesDir({ "a.md": a(), "b.md": b });
    const { baseUrl, service, clock } = await startSite(dir, await makeStateDir());
    await validatorsOf(baseUrl);
    await writeFile(path.join(dir, "a.md"), a("Edited once."));
    clock.set(start + 60_000);
    await service.refresh(["a.md"]);
    const before = await validatorsOf(baseUrl);
    expect(before.get("/articles/a")?.lastModified).toBe(start + 60_000);
    await writeFile(path.join(dir, "a.md"), a("Edited twice."));
    clock.set(start - 3_600_000);
    await service.refresh(["a.md"]);
    const after = await validatorsOf(baseUrl);
    expect(expectDatesFollowBytes(before, after)).toContain("/articles/a");
    expect(after.get("/articles/a")?.lastModified).toBe(start + 61_000);
  });

  it("is the same after a restart for the same bytes, and later for bytes changed while down", async () => {
    const dir = await makeArticlesDir({ "a.md": a(), "b.md": b });
    const stateDir = await makeStateDir();
    const first = await startSite(dir, stateDir);
    await rm(path.join(dir, "b.md"));
    first.clock.set(start + 10_000);
    await first.service.refresh(["b.md"]);
    const served = await validatorsOf(first.baseUrl);
    first.service.close();

    const second = await startSite(dir, stateDir, manualClock(start + 50_000));
    expect(await validatorsOf(second.baseUrl)).toEqual(served);
    second.service.close();

    await writeFile(path.join(dir, "a.md"), a("Changed while the server was down."));
    const third = await startSite(dir, stateDir, manualClock(start + 90_000));
    const after = await validatorsOf(third.baseUrl);
    expect(expectDatesFollowBytes(served, after)).toEqual(
      expect.arrayContaining(["/rss.xml", "/articles/a", "/tags/world/rss.xml"]),
    );
    expect(after.get("/articles/a")?.lastModified).toBe(start + 90_000);
  });

  it("two replicas fed the same files answer the same ETags and dates", async () => {
    const dir = await makeArticlesDir({ "a.md": a(), "b.md": b });
    const one = await startSite(dir, await makeStateDir());
    const two = await startSite(dir, await makeStateDir());
    expect(await validatorsOf(two.baseUrl)).toEqual(await validatorsOf(one.baseUrl));
  });

  it("moves with a replaced episode file: a new media URL in the feeds, the old one 404", async () => {
    const dir = await makeArticlesDir(episodeFixture.articles());
    const mediaDir = await makeMediaDir({ "ep1.wav": episodeFixture.ep1 });
    const clock = manualClock(start);
    const { baseUrl, service } = await startTestServer(dir, {
      site: testPodcastSite(),
      siteUrl,
      mediaDir,
      stateDir: await makeStateDir(),
      clock,
    });
    const feeds = ["/podcast.xml", "/rss.xml", "/atom.xml", "/feed.json"];
    const before = await validatorsOf(baseUrl, feeds);
    const enclosureOf = async () =>
      xmlTexts(
        await (await fetch(`${baseUrl}/podcast.xml`)).text(),
        "/rss/channel/item/enclosure/@url",
      )[0] as string;
    const oldUrl = await enclosureOf();

    const replacement = wavBytes({ seconds: 3 });
    await writeFile(path.join(mediaDir, "ep1.wav"), replacement);
    clock.set(start + 5_000);
    await service.refresh(["ep1.md"]);
    const after = await validatorsOf(baseUrl, feeds);
    expect(expectDatesFollowBytes(before, after)).toEqual(feeds.slice().sort());
    expect(after.get("/podcast.xml")?.lastModified).toBe(start + 5_000);

    const newUrl = await enclosureOf();
    expect(newUrl).not.toBe(oldUrl);
    const local = (url: string) => `${baseUrl}${new URL(url).pathname}`;
    expect((await fetch(local(oldUrl))).status).toBe(404);
    const media = await fetch(local(newUrl));
    expect(Buffer.from(await media.arrayBuffer()).equals(replacement)).toBe(true);
    const old = before.get("/podcast.xml") as Validators;
    expect(await curlSince(`${baseUrl}/podcast.xml`, old.lastModified)).toBe("200");
  });
});
