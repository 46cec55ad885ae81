// Corrections, retractions and deletions as readers meet them: a visible note and an update for a
// correction; for a retracted or deleted article, an RFC 6721 tombstone in the Atom feed for the
// configured time, and 410 Gone with a notice at its URL.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { validateFeedText } from "../../src/validate/index.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { manualClock } from "../support/clock.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";
import { xmlTexts } from "../support/xml.js";

const story = (
  extra: Record<string, unknown> = {},
  body = "The minister said the budget would pass.",
) =>
  markdownArticle(
    {
      title: "Budget passes",
      slug: "budget-passes",
      id: "tag:news.example.com,2026:budget-passes",
      published: "2026-03-01T08:00:00Z",
      ...extra,
    },
    body,
  );
const other = markdownArticle({ title: "Other story", published: "2026-03-02T08:00:00Z" });

async function text(url: string): Promise<string> {
  return (await fetch(url)).text();
}

describe("a correction", () => {
  const corrected = story({
    corrections: [
      { date: "2026-03-03T10:00:00Z", text: "An earlier version gave the vote as 210." },
    ],
  });

  it("is shown in the content of every format and on the page, and moves updated", async () => {
    const dir = await makeArticlesDir({ "b.md": corrected });
    const { baseUrl } = await startTestServer(dir);
    const note = "Correction (3 March 2026):</strong> An earlier version gave the vote as 210.";
    const rss = await text(`${baseUrl}/rss.xml`);
    expect(xmlTexts(rss, "/rss/channel/item/content:encoded")[0]).toContain(note);
    const atom = await text(`${baseUrl}/atom.xml`);
    expect(xmlTexts(atom, "/atom:feed/atom:entry/atom:content")[0]).toContain(note);
    expect(xmlTexts(atom, "/atom:feed/atom:entry/atom:updated")).toEqual(["2026-03-03T10:00:00Z"]);
    const json = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
      items: Array<{ content_html: string; date_modified: string }>;
    };
    expect(json.items[0]?.content_html).toContain(note);
    expect(json.items[0]?.date_modified).toBe("2026-03-03T10:00:00Z");
    expect(await text(`${baseUrl}/articles/budget-passes`)).toContain(note);
  });

  it("is what readers see as the update: a silent fix leaves the dates alone", async () => {
    const dir = await makeArticlesDir({ "b.md": story() });
    const { baseUrl, service } = await startTestServer(dir);
    const before = xmlTexts(await text(`${baseUrl}/atom.xml`), "//atom:entry/atom:updated");
    await writeFile(path.join(dir, "b.md"), story({}, "The minister said the budget will pass."));
    await service.refresh(["b.md"]);
    const atom = await text(`${baseUrl}/atom.xml`);
    expect(atom).toContain("budget will pass");
    expect(xmlTexts(atom, "//atom:entry/atom:updated")).toEqual(before);
    expect(atom).not.toContain("Correction");
  });

  it("must not predate the article", async () => {
    const dir = await makeArticlesDir({
      "b.md": story({ corrections: [{ date: "2026-02-01T00:00:00Z", text: "Too early." }] }),
    });
    const { service } = await startTestServer(dir);
    expect(service.snapshot().problems.map((problem) => problem.message)).toEqual([
      "corrections: 2026-02-01T00:00:00.000Z is before published 2026-03-01T08:00:00.000Z",
    ]);
  });
});

describe("a retracted article", () => {
  const retracted = story({
    retracted: { reason: "The vote it reports did not take place.", date: "2026-03-04T12:00:00Z" },
  });

  it("leaves every feed, answers 410 with the notice, and is a tombstone in Atom", async () => {
    const dir = await makeArticlesDir({ "b.md": retracted, "o.md": other });
    const { baseUrl, service } = await startTestServer(dir, {
      clock: manualClock(Date.parse("2026-03-05T00:00:00Z")),
    });
    const rss = await text(`${baseUrl}/rss.xml`);
    const json = await text(`${baseUrl}/feed.json`);
    const atom = await text(`${baseUrl}/atom.xml`);
    for (const feed of [rss, json]) expect(feed).not.toContain("Budget passes");
    expect(xmlTexts(atom, "//atom:entry/atom:title")).toEqual(["Other story"]);
    expect(xmlTexts(atom, "/atom:feed/at:deleted-entry/@ref")).toEqual([
      "tag:news.example.com,2026:budget-passes",
    ]);
    expect(xmlTexts(atom, "/atom:feed/at:deleted-entry/@when")).toEqual(["2026-03-04T12:00:00Z"]);
    expect(xmlTexts(atom, "/atom:feed/at:deleted-entry/at:comment")).toEqual([
      "The vote it reports did not take place.",
    ]);
    expect(xmlTexts(atom, "/atom:feed/at:deleted-entry/atom:link/@href")).toEqual([
      `${baseUrl}/articles/budget-passes`,
    ]);
    expect(validateFeedText("atom", atom)).toEqual([]);
    expect(service.snapshot().invalidFeeds).toEqual([]);

    const page = await fetch(`${baseUrl}/articles/budget-passes`);
    expect(page.status).toBe(410);
    const notice = await page.text();
    expect(notice).toContain("<h1>Budget passes</h1>");
    expect(notice).toContain("retracted on 4 March 2026: The vote it reports did not take place.");
  });

  it("needs a date: its own or updated", async () => {
    const dir = await makeArticlesDir({ "b.md": story({ retracted: "Wrong." }) });
    const { service } = await startTestServer(dir);
    expect(service.snapshot().problems.map((problem) => problem.message)).toEqual([
      "retracted: give the date of the retraction, as retracted: { reason, date } or in updated",
    ]);
  });

  it("keeps its tombstone for tombstoneDays, then only its 410", async () => {
    const dir = await makeArticlesDir({ "b.md": retracted, "o.md": other });
    const retractedAt = Date.parse("2026-03-04T12:00:00Z");
    const clock = manualClock(retractedAt + 9 * 86_400_000);
    const { baseUrl } = await startTestServer(dir, {
      clock,
      site: testSite({ tombstoneDays: 10 }),
    });
    expect(await text(`${baseUrl}/atom.xml`)).toContain("deleted-entry");
    clock.set(retractedAt + 10 * 86_400_000);
    await pollUntil(
      () => text(`${baseUrl}/atom.xml`),
      (atom) => !atom.includes("deleted-entry"),
      1000,
    );
    expect((await fetch(`${baseUrl}/articles/budget-passes`)).status).toBe(410);
  });
});

describe("withdrawals and the clock", () => {
  it("an article retracted before its embargo lifts never appears, not even as a tombstone", async () => {
    const dir = await makeArticlesDir({
      "f.md": story({
        published: "2026-03-10T00:00:00Z",
        retracted: { reason: "Secret reason", date: "2026-03-09T09:00:00Z" },
      }),
      "o.md": other,
    });
    const clock = manualClock(Date.parse("2026-03-05T00:00:00Z"));
    const { baseUrl } = await startTestServer(dir, { clock });
    for (const at of ["2026-03-05T00:00:00Z", "2026-03-11T00:00:00Z"]) {
      clock.set(Date.parse(at));
      expect(await text(`${baseUrl}/atom.xml`)).not.toContain("budget-passes");
      expect((await fetch(`${baseUrl}/articles/budget-passes`)).status).toBe(404);
    }
  });

  it("a retraction dated later takes effect at its date", async () => {
    const dir = await makeArticlesDir({
      "b.md": story({ retracted: { reason: "Wrong.", date: "2026-03-04T12:00:00Z" } }),
    });
    const clock = manualClock(Date.parse("2026-03-04T11:00:00Z"));
    const { baseUrl } = await startTestServer(dir, { clock });
    expect((await fetch(`${baseUrl}/articles/budget-passes`)).status).toBe(200);
    clock.set(Date.parse("2026-03-04T12:00:00Z"));
    await pollUntil(
      async () => (await fetch(`${baseUrl}/articles/budget-passes`)).status,
      (status) => status === 410,
      1000,
    );
  });

  it("deleting a retracted article's file keeps its retraction notice and date", async () => {
    const dir = await makeArticlesDir({
      "b.md": story({ retracted: { reason: "Wrong figures.", date: "2026-03-05T00:00:00Z" } }),
      "o.md": other,
    });
    const clock = manualClock(Date.parse("2026-03-06T00:00:00Z"));
    const { baseUrl, service } = await startTestServer(dir, { clock });
    clock.set(Date.parse("2026-04-20T00:00:00Z"));
    await rm(path.join(dir, "b.md"));
    await service.refresh(["b.md"]);
    expect(await text(`${baseUrl}/atom.xml`)).not.toContain("deleted-entry");
    const page = await text(`${baseUrl}/articles/budget-passes`);
    expect(page).toContain("retracted on 5 March 2026: Wrong figures.");
  });

  it("a published article stays published when the clock is set back", async () => {
    const dir = await makeArticlesDir({ "b.md": story(), "o.md": other });
    const clock = manualClock(Date.parse("2026-03-01T09:00:00Z"));
    const { baseUrl, service } = await startTestServer(dir, { clock });
    clock.set(Date.parse("2026-03-01T07:00:00Z"));
    await writeFile(path.join(dir, "o.md"), other.replace("Other story", "Other story, edited"));
    await service.refresh(["o.md"]);
    expect((await fetch(`${baseUrl}/articles/budget-passes`)).status).toBe(200);
    expect(await text(`${baseUrl}/rss.xml`)).toContain("Budget passes");
  });
});

describe("a deleted article", () => {
  it("is a tombstone dated when its deletion was seen, and its URL answers 410", async () => {
    const dir = await makeArticlesDir({ "b.md": story(), "o.md": other });
    const deletedAt = Date.parse("2026-03-06T09:30:00Z");
    const clock = manualClock(deletedAt - 60_000);
    const { baseUrl, service } = await startTestServer(dir, { clock });
    await rm(path.join(dir, "b.md"));
    clock.set(deletedAt);
    await service.refresh(["b.md"]);
    const atom = await text(`${baseUrl}/atom.xml`);
    expect(xmlTexts(atom, "/atom:feed/at:deleted-entry/@when")).toEqual(["2026-03-06T09:30:00Z"]);
    expect(xmlTexts(atom, "/atom:feed/at:deleted-entry/at:comment")).toEqual([]);
    expect(validateFeedText("atom", atom)).toEqual([]);
    const page = await fetch(`${baseUrl}/articles/budget-passes`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This article was removed on 6 March 2026.");
  });

  it("removed while the service was down is known at the next start through the state folder", async () => {
    const dir = await makeArticlesDir({ "b.md": story(), "o.md": other });
    const stateDir = await mkdtemp(path.join(tmpdir(), "wirefeed-state-"));
    onTestFinished(() => rm(stateDir, { recursive: true, force: true }));
    const first = await startTestServer(dir, { stateDir });
    first.service.close();
    await rm(path.join(dir, "b.md"));

    const { baseUrl } = await startTestServer(dir, { stateDir });
    const atom = await text(`${baseUrl}/atom.xml`);
    expect(xmlTexts(atom, "/atom:feed/at:deleted-entry/@ref")).toEqual([
      "tag:news.example.com,2026:budget-passes",
    ]);
    expect((await fetch(`${baseUrl}/articles/budget-passes`)).status).toBe(410);

    // Put back, it is an article again and its tombstone goes.
    await writeFile(path.join(dir, "b.md"), story());
    const again = await startTestServer(dir, { stateDir });
    expect(await text(`${again.baseUrl}/atom.xml`)).not.toContain("deleted-entry");
    expect((await fetch(`${again.baseUrl}/articles/budget-passes`)).status).toBe(200);
  });
});

describe("the tombstone grammar in the gate", () => {
  const feedWith = (tombstones: string) => `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0">
  <id>tag:news.example.com,2026:feed</id><title>T</title><updated>2026-03-05T00:00:00Z</updated>
  <author><name>Example News</name></author>
  ${tombstones}
</feed>`;

  it("accepts RFC 6721 tombstones", () => {
    expect(
      validateFeedText(
        "atom",
        feedWith(
          '<at:deleted-entry ref="tag:a,2026:1" when="2026-03-04T12:00:00Z"><at:comment type="text">Why</at:comment><at:by><name>Desk</name></at:by><link href="https://news.example.com/a"/></at:deleted-entry>',
        ),
      ),
    ).toEqual([]);
  });

  it.each([
    ["no when", '<at:deleted-entry ref="tag:a,2026:1"/>', /when/],
    ["a date that is not one", '<at:deleted-entry ref="tag:a,2026:1" when="yesterday"/>', /when/],
    [
      "a relative ref",
      '<at:deleted-entry ref="a1" when="2026-03-04T12:00:00Z"/>',
      /not an absolute IRI/,
    ],
    [
      "two comments",
      '<at:deleted-entry ref="tag:a,2026:1" when="2026-03-04T12:00:00Z"><at:comment>a</at:comment><at:comment>b</at:comment></at:deleted-entry>',
      /comment|deleted-entry/,
    ],
    [
      "the same tombstone twice",
      '<at:deleted-entry ref="tag:a,2026:1" when="2026-03-04T12:00:00Z"/><at:deleted-entry ref="tag:a,2026:1" when="2026-03-04T12:00:00Z"/>',
      /duplicate at:deleted-entry/,
    ],
  ])("refuses %s", (_name, tombstones, expected) => {
    const problems = validateFeedText("atom", feedWith(tombstones)).map(
      (problem) => problem.message,
    );
    expect(problems.some((message) => expected.test(message))).toBe(true);
  });
});
