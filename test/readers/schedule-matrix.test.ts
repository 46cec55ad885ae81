// Embargoes and retractions in the real-reader matrix: wirefeed on 127.0.0.1 with a clock the test
// moves, and Debian's newsboat, rss2email, python3-feedparser, sfeed and feed2exec subscribed to
// its RSS and Atom feeds (test/support/readers/). An article under embargo must be in no reader's
// store (newsboat's cache, the mails rss2email and feed2exec deliver, feedparser's parse, sfeed's
// TSV) when they poll a millisecond before its time, and in every one, as served, once it is
// due; a retracted article leaves the feeds with an RFC 6721 tombstone in Atom, and each reader
// does with it what its README row says.
//
// The steps run in order against one server (shuffle is off for this file). The clock starts at
// the real time and the embargo lifts an hour later, so that the dates the server gives
// (Last-Modified moves to the time it saw the change) are newer than the time of each reader's
// last fetch, which curl (sfeed) sends as If-Modified-Since.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { markdownArticle } from "../support/articles-dir.js";
import { manualClock } from "../support/clock.js";
import { pollUntil } from "../support/poll.js";
import {
  type ReaderName,
  readerNames,
  subscribeEveryReader,
} from "../support/readers/every-reader.js";
import type { FeedparserReader } from "../support/readers/feedparser.js";
import type { FeedReader, ServedFeed } from "../support/readers/held-item.js";
import { Teardown } from "../support/readers/run-client.js";
import { servedItems } from "../support/readers/served-items.js";
import { type ServedSite, startServedSite } from "../support/readers/served-site.js";
import { testSite } from "../support/site.js";

const site = testSite({
  title: "Example Wire",
  publisher: { name: "Example News" },
  // feed2exec honours Cache-Control: the steps are seconds apart (see matrix.test.ts).
  maxAgeSeconds: 1,
});
const formats = ["rss", "atom"] as const;
type Format = (typeof formats)[number];
const feedPaths: Record<Format, string> = { rss: "/rss.xml", atom: "/atom.xml" };
const everyCase: [ReaderName, Format][] = readerNames.flatMap((name) =>
  formats.map((format): [ReaderName, Format] => [name, format]),
);

const start = Math.floor(Date.now() / 1000) * 1000;
const liftsAt = start + 3_600_000;
const retractedAt = liftsAt + 60_000;
const clock = manualClock(start);
const iso = (ms: number) => new Date(ms).toISOString();

const story = (
  slug: string,
  title: string,
  published: number,
  extra: Record<string, unknown> = {},
) =>
  markdownArticle(
    {
      title,
      slug,
      id: `tag:news.example.com,2026:article/${slug}`,
      published: iso(published),
      author: "Ana Ruiz",
      ...extra,
    },
    `${title}: the story.\n\nA second paragraph.`,
  );
const embargoed = { slug: "rates", title: "Rates cut by half a point" };
const embargoedId = `tag:news.example.com,2026:article/${embargoed.slug}`;
const retracted = { slug: "poll", title: "Poll shows a landslide" };
const retractedId = `tag:news.example.com,2026:article/${retracted.slug}`;
const retraction = "The poll it reports was not conducted.";
const harbourId = "tag:news.example.com,2026:article/harbour";

const teardown = new Teardown();
let served: ServedSite;
let readers: Map<ReaderName, FeedReader>;
let feedparser: FeedparserReader;

function readerNamed(name: ReaderName): FeedReader {
  const reader = readers.get(name);
  if (reader === undefined) throw new Error(`no reader ${name}`);
  return reader;
}

/** HTTP dates count whole seconds: each change and each poll waits for the next one. */
async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));
}

async function pollAll(): Promise<void> {
  await nextSecond();
  await Promise.all([...readers.values()].map((reader) => reader.poll()));
}

function feedOf(format: Format): ServedFeed {
  return { format, title: site.title, publisher: site.publisher.name };
}

/** The id a reader keys an article by (feed2exec keys items by their link), made from the served item. */
async function heldIdOf(name: ReaderName, format: Format, id: string): Promise<string> {
  const { body } = await served.served(feedPaths[format]);
  const item = servedItems(format, body.toString("utf8")).find((one) => one.id === id);
  if (item === undefined) throw new Error(`${id} is not served in ${format}`);
  return String(readerNamed(name).expected(item, feedOf(format)).id);
}

async function heldIds(name: ReaderName, format: Format): Promise<string[]> {
  return (await readerNamed(name).held(feedPaths[format])).map((item) => item.id);
}

async function heldText(name: ReaderName, format: Format): Promise<string> {
  return JSON.stringify(await readerNamed(name).held(feedPaths[format]));
}

describe("embargo and retraction in the real-reader matrix", { shuffle: false }, () => {
  beforeAll(async () => {
    served = await startServedSite(
      teardown,
      site,
      {
        "harbour.md": story("harbour", "Harbour reopens", start - 86_400_000),
        "poll.md": story(retracted.slug, retracted.title, start - 7_200_000),
        "rates.md": story(embargoed.slug, embargoed.title, liftsAt),
      },
      {},
      { clock },
    );
    const paths = Object.values(feedPaths);
    ({ readers, feedparser } = await subscribeEveryReader(teardown, served.baseUrl, paths));
  }, 30_000);
  afterAll(() => teardown.run());

  describe("a millisecond before the embargo lifts", () => {
    const kept = new Map<string, string[]>();
    beforeAll(async () => {
      clock.set(liftsAt - 1);
      for (const [name, format] of everyCase)
        kept.set(`${name} ${format}`, [
          await heldIdOf(name, format, harbourId),
          await heldIdOf(name, format, retractedId),
        ]);
      await pollAll();
    }, 30_000);
    test.each(everyCase)(
      "%s reading %s holds the others and no trace of it",
      async (name, format) => {
        expect(await heldIds(name, format)).toEqual(
          expect.arrayContaining(kept.get(`${name} ${format}`) ?? ["?"]),
        );
        const held = await heldText(name, format);
        expect(held).not.toContain(embargoedId);
        expect(held).not.toContain(embargoed.title);
        expect(held).not.toContain(`/articles/${embargoed.slug}`);
      },
    );
  });

  describe("when it lifts", () => {
    beforeAll(async () => {
      clock.set(liftsAt);
      await pollUntil(
        async () => (await served.served(feedPaths.atom)).body.toString("utf8"),
        (atom) => atom.includes(embargoedId),
      );
      await pollAll();
    }, 30_000);
    test.each(everyCase)("%s reading %s holds it as served", async (name, format) => {
      const { body } = await served.served(feedPaths[format]);
      const item = servedItems(format, body.toString("utf8")).find((one) => one.id === embargoedId);
      expect(item).toBeDefined();
      if (item === undefined) return;
      const reader = readerNamed(name);
      const expected = reader.expected(item, feedOf(format));
      const held = (await reader.held(feedPaths[format])).filter((one) => one.id === expected.id);
      expect(held).toEqual([expected]);
    });
  });

  describe("a retraction", () => {
    const heldAs = new Map<string, string>();
    beforeAll(async () => {
      for (const [name, format] of everyCase)
        heldAs.set(`${name} ${format}`, await heldIdOf(name, format, retractedId));
      clock.set(retractedAt);
      await nextSecond();
      await served.change({
        articles: {
          "poll.md": story(retracted.slug, retracted.title, start - 7_200_000, {
            retracted: { reason: retraction, date: iso(retractedAt) },
          }),
        },
      });
      await pollAll();
    }, 30_000);

    test("leaves the feeds, with a tombstone and its reason in Atom only", async () => {
      const rss = (await served.served(feedPaths.rss)).body.toString("utf8");
      const atom = (await served.served(feedPaths.atom)).body.toString("utf8");
      expect(rss).not.toContain(retractedId);
      expect(atom).toContain(`<at:deleted-entry ref="${retractedId}"`);
      expect(atom).toContain(retraction);
      expect(servedItems("atom", atom).map((item) => item.id)).not.toContain(retractedId);
    });

    test("its link answers 410 with the notice, for a reader who follows it", async () => {
      const response = await fetch(`${served.baseUrl}/articles/${retracted.slug}`);
      expect(response.status).toBe(410);
      expect(await response.text()).toContain(retraction);
    });

    // No reader removes what it holds: RFC 6721 is known to none of them, and an item that is
    // no longer in a feed stays in newsboat's cache, in the mails delivered and in sfeed's TSV.
    // feedparser holds only the last parse, so the article is gone from it.
    test.each(everyCase)(
      "%s reading %s keeps it only if it keeps what feeds drop",
      async (name, format) => {
        const heldId = heldAs.get(`${name} ${format}`) ?? "?";
        expect(await heldIds(name, format)).toEqual(
          name === "feedparser"
            ? expect.not.arrayContaining([heldId])
            : expect.arrayContaining([heldId]),
        );
        // None of them shows the reason with the article it holds.
        expect(await heldText(name, format)).not.toContain(retraction);
      },
    );

    test("feedparser reads the tombstone and its reason from the Atom feed, and nothing from RSS", () => {
      const atom = feedparser.parse(feedPaths.atom);
      expect(atom.feed_deleted_entry).toEqual({
        ref: retractedId,
        when: iso(retractedAt).replace(".000Z", "Z"),
      });
      expect(atom.feed_comment).toBe(retraction);
      const rss = feedparser.parse(feedPaths.rss);
      expect([rss.feed_deleted_entry, rss.feed_comment]).toEqual([null, null]);
    });
  });
});
