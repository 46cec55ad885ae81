// Sustained publishing (BENCH_PARTS=sustained): on a generated store, new stories land at a
// steady rate (BENCH_SUSTAINED_PER_MINUTE, 200) for BENCH_SUSTAINED_MINUTES (5); each is timed
// from its file renamed into place to the first /rss.xml that lists it, while readers keep asking
// for the subscription feed (200, gzip) and a story's page they hold (304). Their p99 is compared
// with the same readers over a quiet spell just before.
import path from "node:path";
import {
  articleFileName,
  articleSlug,
  articleText,
  generateArticles,
} from "./generate-articles.js";

export interface SustainedServer {
  baseUrl: string;
}

export interface SustainedTools<Server extends SustainedServer> {
  start(dir: string, stateDir: string): Promise<Server>;
  stop(server: Server): Promise<void>;
  placeFile(dir: string, name: string, text: string): Promise<void>;
  percentile(samples: readonly number[], p: number): number;
}

const count = Number(process.env.BENCH_SUSTAINED_COUNT ?? 100_000);
const minutes = Number(process.env.BENCH_SUSTAINED_MINUTES ?? 5);
const perMinute = Number(process.env.BENCH_SUSTAINED_PER_MINUTE ?? 200);
const quietSeconds = 30;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two readers in a loop until `until()`: the feed in gzip (200) and a story's page held (304). */
async function readers(baseUrl: string, until: () => boolean) {
  // A month's archive holds some 40,000 stories: a page is what a reader holds and asks again.
  const held = `${baseUrl}/articles/${articleSlug(1)}`;
  const etag = (await fetch(held, { method: "HEAD" })).headers.get("etag") ?? "";
  const ok: number[] = [];
  const notModified: number[] = [];
  const loop = async (
    url: string,
    headers: Record<string, string>,
    into: number[],
    want: number,
  ) => {
    while (!until()) {
      const started = performance.now();
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status !== want) throw new Error(`${url}: ${response.status}, not ${want}`);
      into.push(performance.now() - started);
      await sleep(5);
    }
  };
  await Promise.all([
    loop(`${baseUrl}/rss.xml`, { "accept-encoding": "gzip" }, ok, 200),
    loop(held, { "if-none-match": etag }, notModified, 304),
  ]);
  return { ok, notModified };
}

export async function sustainedPublishing<Server extends SustainedServer>(
  work: string,
  tools: SustainedTools<Server>,
) {
  const dir = path.join(work, `articles-sustained-${count}`);
  const stateDir = path.join(work, `state-sustained-${count}`);
  generateArticles(dir, count);
  const server = await tools.start(dir, stateDir);
  try {
    let quietOver = false;
    const quietTimer = setTimeout(() => {
      quietOver = true;
    }, quietSeconds * 1000);
    const quiet = await readers(server.baseUrl, () => quietOver);
    clearTimeout(quietTimer);

    const total = Math.round(minutes * perMinute);
    const spacingMs = 60_000 / perMinute;
    const landed = new Map<string, number>();
    const visibleMs: number[] = [];
    let writing = true;
    // One poller reads the feed and notes every pending story it lists.
    const poller = (async () => {
      while (writing || landed.size > 0) {
        const text = await (await fetch(`${server.baseUrl}/rss.xml`)).text();
        const now = performance.now();
        for (const [slug, at] of landed) {
          if (text.includes(`/articles/${slug}<`)) {
            visibleMs.push(now - at);
            landed.delete(slug);
          } else if (now - at > 60_000) throw new Error(`${slug} not served within 60 s`);
        }
        await sleep(10);
      }
    })();
    const busy = readers(server.baseUrl, () => !writing);
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const due = started + i * spacingMs;
      await sleep(Math.max(0, due - performance.now()));
      const index = count + i;
      await tools.placeFile(dir, articleFileName(index), articleText(index));
      landed.set(articleSlug(index), performance.now());
    }
    writing = false;
    const [during] = await Promise.all([busy, poller]);
    const p = (samples: number[], at: number) => Math.round(tools.percentile(samples, at));
    return {
      articles: count,
      published: total,
      perMinute,
      visibleMsMedian: p(visibleMs, 50),
      visibleMsP99: p(visibleMs, 99),
      visibleMsMax: p(visibleMs, 100),
      overOneSecond: visibleMs.filter((ms) => ms > 1000).length,
      quiet200p99Ms: p(quiet.ok, 99),
      publishing200p99Ms: p(during.ok, 99),
      quiet304p99Ms: p(quiet.notModified, 99),
      publishing304p99Ms: p(during.notModified, 99),
    };
  } finally {
    await tools.stop(server);
  }
}
