// The real-reader matrix: wirefeed on 127.0.0.1 over a temporary store, and Debian's newsboat,
// rss2email, python3-feedparser, sfeed and feed2exec subscribed to its RSS and Atom feeds, each in
// its own home folder with a configuration written here. The store goes through the steps a
// newsroom takes; after each, every reader's own stored state (newsboat's SQLite cache, the mails
// rss2email and feed2exec delivered to a Maildir, feedparser's parse, sfeed's TSV) must hold what
// the server then serves, titles as typed and no author invented. The server records every
// request: after each step a poll with nothing changed must be conditional and answered 304.
//
// The steps run in order against one server (shuffle is off for this file): each builds on the
// store the previous one left.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { markdownArticle, seedArticleFile } from "../support/articles-dir.js";
import { testPodcast } from "../support/podcast-site.js";
import {
  type ReaderName,
  readerNames,
  subscribeEveryReader,
} from "../support/readers/every-reader.js";
import type { FeedparserReader } from "../support/readers/feedparser.js";
import type { FeedReader, ServedFeed } from "../support/readers/held-item.js";
import type { NewsboatReader } from "../support/readers/newsboat.js";
import { downloadQueue } from "../support/readers/podboat.js";
import { Teardown } from "../support/readers/run-client.js";
import { type ServedItem, servedItems } from "../support/readers/served-items.js";
import {
  isConditional,
  type RecordedRequest,
  type ServedSite,
  type StoreChange,
  startServedSite,
} from "../support/readers/served-site.js";
import { testSite } from "../support/site.js";
import { wavBytes } from "../support/wav.js";

const site = testSite({
  title: "Example Wire",
  publisher: { name: "Example News" },
  // feed2exec honours Cache-Control, and the steps are seconds apart, not minutes: the matrix
  // serves max-age=1 (site.json accepts 60 and up) so that every step is past it.
  maxAgeSeconds: 1,
  podcast: testPodcast(),
});

const episode = markdownArticle(
  {
    title: "Budget day, explained",
    published: "2026-03-02T06:00:00Z",
    id: "tag:news.example.com,2026:episode/1",
    author: "Ana Ruiz",
    enclosure: { file: "ep1.wav" },
  },
  "The budget, read aloud.",
);
const formats = ["rss", "atom"] as const;
type Format = (typeof formats)[number];
const feedPaths: Record<Format, string> = { rss: "/rss.xml", atom: "/atom.xml" };

/** Which requests are whose: the User-Agent each reader sends. */
const userAgents: Record<ReaderName, RegExp> = {
  newsboat: /^newsboat \(wirefeed/,
  // rss2email 3.13 fetches through feedparser with feedparser's own User-Agent.
  rss2email: /^feedparser\/6/,
  feedparser: /^feedparser \(wirefeed/,
  sfeed: /^sfeed \(wirefeed/,
  feed2exec: /^feed2exec\//,
};

const seedTitle = "Russia to continue backing Iraqi, Syrian governments: Lavrov";

function story(
  meta: { title: string; published: string; slug: string; author?: string; updated?: string },
  body: string,
): string {
  return markdownArticle({ ...meta, id: `tag:news.example.com,2026:article/${meta.slug}` }, body);
}

const storm = (title: string, body: string, updated?: string) =>
  story(
    {
      title,
      published: "2026-03-03T06:00:00Z",
      slug: "storm",
      author: "Ana Ruiz",
      ...(updated === undefined ? {} : { updated }),
    },
    body,
  );
const stormId = "tag:news.example.com,2026:article/storm";

/** What each step does to the store, in order. */
interface Step {
  name: string;
  change?: StoreChange;
  /** Whether podboat then downloads the episodes newsboat queued. */
  podboat?: boolean;
  /** The id of an item the step updates (a newer `updated`), which readers must see as updated. */
  updates?: string;
}

const everyCase: [ReaderName, Format][] = readerNames.flatMap((name) =>
  formats.map((format): [ReaderName, Format] => [name, format]),
);

const steps: Step[] = [
  {
    name: "first polls",
    podboat: true,
  },
  {
    name: "new article",
    change: {
      articles: {
        "harbour.md": story(
          {
            title: "Harbour reopens",
            published: "2026-03-04T07:30:00Z",
            slug: "harbour",
            author: "Bo Li",
          },
          "The harbour reopened at dawn.\n\nThe first ferry left at seven.",
        ),
      },
    },
  },
  {
    name: "backdated article",
    change: {
      articles: {
        "archive-find.md": story(
          {
            title: "Letters found in the archive",
            published: "2026-02-10T09:00:00Z",
            slug: "archive-find",
            author: "Ana Ruiz",
          },
          "Letters from 1914 were found in the town archive.\n\nThey will be shown in May.",
        ),
      },
    },
  },
  {
    name: "silent fix",
    change: {
      articles: {
        "storm.md": storm(
          "Storm warning for the coast",
          "Gales are due on the coast tonight.\n\nFerries will not sail before noon.",
        ),
      },
    },
  },
  {
    name: "deletion",
    change: { articles: { "harbour.md": undefined } },
  },
  {
    name: "replaced episode",
    change: {
      media: { "ep1.wav": wavBytes({ seconds: 3, frequency: 660 }) },
      reread: ["ep1.md"],
    },
    podboat: true,
  },
  {
    name: "markup title",
    change: {
      articles: {
        "att.md": story(
          {
            title: "AT&T <b>bold</b> move",
            published: "2026-03-05T08:00:00Z",
            slug: "att",
            author: "Bo Li",
          },
          "The company announced a bold move on Thursday.\n\nShares rose.",
        ),
      },
    },
  },
  {
    name: "no-author article",
    change: {
      articles: {
        "bridge.txt": [
          "---",
          'id: "tag:news.example.com,2026:article/bridge"',
          'published: "2026-03-06T08:00:00Z"',
          "---",
          "Bridge closed for repairs",
          "Written by:",
          "",
          "The old bridge is closed until June.",
          "",
          "Buses take the long way round.",
          "",
        ].join("\n"),
      },
    },
  },
  {
    name: "image story",
    change: {
      articles: {
        "market.md": markdownArticle(
          {
            title: "Market moves indoors",
            published: "2026-03-07T08:00:00Z",
            id: "tag:news.example.com,2026:article/market",
            author: "Bo Li",
            image: {
              url: "/media/market.jpg",
              caption: "Stalls in the old tram depot",
              alt: "Market stalls under a glass roof",
            },
          },
          [
            '<figure><img src="/media/market.jpg" alt="Market stalls under a glass roof">',
            "<figcaption>Stalls in the old tram depot</figcaption></figure>",
            "",
            "The Saturday market moved into the old tram depot.",
            "",
            "It opens at eight.",
          ].join("\n"),
        ),
      },
    },
  },
  {
    name: "update",
    change: {
      articles: {
        "storm.md": storm(
          "Storm warning for the coast",
          "Gales are due on the coast tonight.\n\nThe warning now runs to Friday.",
          "2026-03-08T09:00:00Z",
        ),
      },
    },
    updates: stormId,
  },
];

/**
 * What wirefeed still fails, as "step: reader format" (podboat's downloads as "step: podboat
 * format"), each for a fault this matrix shows and the README names. Everything else is asserted;
 * an entry leaves this list, and is asserted, as soon as its fault is fixed. What a reader cannot
 * do (see the README's reader table) is in its driver's `expected`, not here.
 */
const failingToday = new Set<string>([]);

function assertedToday(step: string, reader: string, format: Format): boolean {
  return !failingToday.has(`${step}: ${reader} ${format}`);
}

/** The titles as the articles typed them, by item id. */
const typedTitles = new Map<string, string>([
  ["tag:wirefeed.example,2014-10-20:d0c35f80829a8acd", seedTitle],
  [stormId, "Storm warning for the coast"],
  ["tag:news.example.com,2026:episode/1", "Budget day, explained"],
  ["tag:news.example.com,2026:article/harbour", "Harbour reopens"],
  ["tag:news.example.com,2026:article/archive-find", "Letters found in the archive"],
  ["tag:news.example.com,2026:article/att", "AT&T <b>bold</b> move"],
  ["tag:news.example.com,2026:article/bridge", "Bridge closed for repairs"],
  ["tag:news.example.com,2026:article/market", "Market moves indoors"],
]);

const teardown = new Teardown();
let served: ServedSite;
let readers: Map<ReaderName, FeedReader>;
let newsboat: NewsboatReader;
let feedparser: FeedparserReader;

function readerNamed(name: ReaderName): FeedReader {
  const reader = readers.get(name);
  if (reader === undefined) throw new Error(`no reader ${name}`);
  return reader;
}

function requestsOf(name: ReaderName, since: number): RecordedRequest[] {
  return served.requests.slice(since).filter((request) => userAgents[name].test(request.userAgent));
}

/**
 * HTTP dates count whole seconds, and curl (sfeed) sends the time of its last fetch as
 * If-Modified-Since: a change made within the second a reader polled cannot be dated after that
 * poll. The matrix waits for the next second before changing the store or polling again.
 */
async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));
}

async function pollAll(): Promise<void> {
  await Promise.all([...readers.values()].map((reader) => reader.poll()));
}

function byId(a: { id: unknown }, b: { id: unknown }): number {
  return String(a.id).localeCompare(String(b.id));
}

/** Every version served of every item, by format, oldest first, with its title as typed. */
const servedVersions: Record<Format, ServedItem[]> = { rss: [], atom: [] };

/** Remembers what each feed serves after a poll. */
async function rememberServedVersions(): Promise<void> {
  for (const format of formats) {
    const { body } = await served.served(feedPaths[format]);
    for (const item of servedItems(format, body.toString("utf8")))
      servedVersions[format].push({ ...item, title: typedTitles.get(item.id) ?? item.title });
  }
}

/** Every served item is held as served; a reader that keeps only the last poll holds no more. */
async function expectHoldsWhatIsServed(reader: FeedReader, format: Format): Promise<void> {
  const { body } = await served.served(feedPaths[format]);
  const feed: ServedFeed = { format, title: site.title, publisher: site.publisher.name };
  const firstVersionKey = reader.firstVersionKey;
  const items = servedItems(format, body.toString("utf8")).map((served) => {
    const item = { ...served, title: typedTitles.get(served.id) ?? served.title };
    if (firstVersionKey === undefined) return item;
    const key = firstVersionKey(item);
    return servedVersions[format].find((version) => firstVersionKey(version) === key) ?? item;
  });
  const expected = items.map((item) => reader.expected(item, feed)).sort(byId);
  const held = (await reader.held(feedPaths[format])).sort(byId);
  const ids = new Set(expected.map((item) => item.id));
  const heldNow = reader.keepsGoneItems ? held.filter((item) => ids.has(item.id)) : held;
  const what = `${reader.name} reading ${feedPaths[format]}`;
  if (reader.keepsOldVersions) {
    expect(heldNow, what).toEqual(expect.arrayContaining(expected));
    expect(new Set(heldNow.map((item) => item.id)), what).toEqual(ids);
  } else expect(heldNow, what).toEqual(expected);
}

describe("the real-reader matrix", { shuffle: false }, () => {
  beforeAll(async () => {
    served = await startServedSite(
      teardown,
      site,
      {
        "000_seed.txt": await readFile(seedArticleFile, "utf8"),
        "storm.md": storm(
          "Strom warning for the coast",
          "Gales are due on the coats tonight.\n\nFerries will not sail before noon.",
        ),
        "ep1.md": episode,
      },
      { "ep1.wav": wavBytes({ seconds: 2 }) },
    );
    const paths = Object.values(feedPaths);
    ({ readers, newsboat, feedparser } = await subscribeEveryReader(
      teardown,
      served.baseUrl,
      paths,
    ));
  }, 30_000);
  afterAll(() => teardown.run());

  // The silent fix corrects the typos of the first version; the titles typed then were these.
  typedTitles.set(stormId, "Strom warning for the coast");

  for (const step of steps) {
    describe(step.name, () => {
      let pollStart = 0;
      beforeAll(async () => {
        if (step.name === "silent fix") typedTitles.set(stormId, "Storm warning for the coast");
        if (step.change !== undefined) {
          await nextSecond();
          await served.change(step.change);
        }
        await nextSecond();
        pollStart = served.requests.length;
        await pollAll();
        await rememberServedVersions();
        // A reader's second scheduled poll: newsboat keeps a new feed's validators only from
        // its second fetch on.
        if (step.name === "first polls") {
          await nextSecond();
          await pollAll();
        }
      }, 60_000);

      test.each(everyCase.filter(([name, format]) => assertedToday(step.name, name, format)))(
        "%s reading %s holds every served item as served",
        async (name, format) => {
          expect(
            requestsOf(name, pollStart).filter((request) => request.path === feedPaths[format])
              .length,
          ).toBeGreaterThan(0);
          await expectHoldsWhatIsServed(readerNamed(name), format);
        },
      );

      if (step.podboat)
        test.each(formats.filter((format) => assertedToday(step.name, "podboat", format)))(
          "podboat downloads each episode newsboat queued from %s, byte for byte as served",
          async (format) => {
            if (step.name !== "first polls")
              expect(await newsboat.enqueueNewEnclosures(feedPaths[format])).toHaveLength(1);
            const queue = await downloadQueue(
              newsboat.profile(feedPaths[format]),
              async (url) => (await served.media(url)).length,
            );
            const { body } = await served.served(feedPaths[format]);
            const enclosures = servedItems(format, body.toString("utf8"))
              .map((item) => item.enclosure)
              .filter((url) => url !== undefined);
            expect(enclosures.length).toBeGreaterThan(0);
            for (const url of enclosures) {
              const queued = queue.find((entry) => entry.url === url);
              expect(queued?.state, `${url} in ${JSON.stringify(queue)}`).toBe("downloaded");
              const downloaded = await readFile(queued?.file ?? "");
              expect(downloaded.equals(await served.media(url)), `${queued?.file}`).toBe(true);
            }
          },
        );

      const updated = step.updates;
      if (updated !== undefined)
        test.each(formats)(
          "feedparser reads the update's date from %s, where RSS carries it as atom:updated",
          async (format) => {
            const { body } = await served.served(feedPaths[format]);
            const item = servedItems(format, body.toString("utf8")).find(
              (served) => served.id === updated,
            );
            expect(item?.updated).toBeGreaterThan(item?.published ?? Number.POSITIVE_INFINITY);
            const parsed = feedparser.parse(feedPaths[format]);
            const entry = parsed.entries.find((held) => held.id === updated);
            expect(entry?.updated).toBe(item?.updated);
            expect(entry?.published).toBe(item?.published);
          },
        );

      test("a poll with nothing changed is conditional and answered 304", async () => {
        await nextSecond();
        const start = served.requests.length;
        await pollAll();
        const answers = readerNames.flatMap((name) =>
          requestsOf(name, start).map((request) => ({
            name,
            path: request.path,
            conditional: isConditional(request),
            status: request.status,
          })),
        );
        expect(answers.filter((answer) => !answer.conditional || answer.status !== 304)).toEqual(
          [],
        );
        expect(new Set(answers.map((answer) => answer.name))).toEqual(new Set(readerNames));
      });
    });
  }
});
