// Run by memory.test.ts as `node --expose-gc --import tsx test/reliability/rebuild-memory-probe.ts N`:
// builds a site of 1,000 articles, then N builds of one edit each, each from the one before,
// without reading anything: the feeds and pages built on first request stay lazy and every
// build takes them over. Prints the live heap (after full collections) after the first tenth
// of the builds and at the end, and how many of the builds' tables are still alive, as one JSON line.
import { parseArticle } from "../../src/articles/parse.js";
import type { Article } from "../../src/model.js";
import { buildSite } from "../../src/renditions/site/build-site.js";
import { validateRenderedFeed } from "../../src/validate/index.js";
import { markdownArticle } from "../support/articles-dir.js";
import { liveHeapMiB } from "../support/live-heap.js";
import { testSite, testSiteUrl } from "../support/site.js";

const rounds = Number(process.argv[2] ?? 100);
const articleCount = 1_000;

const site = testSite({ feedSize: 20 });
const context = { site, siteUrl: testSiteUrl, validate: validateRenderedFeed };

function article(n: number, version: number): Article {
  const published = new Date(Date.UTC(2024, n % 24, 1 + (n % 27), n % 24, n % 60));
  const meta = {
    title: `Story ${n} v${version}`,
    published: published.toISOString(),
    tags: [`tag-${n % 30}`],
    author: `Author ${n % 12}`,
  };
  return parseArticle(`s${n}.md`, markdownArticle(meta), { idPrefix: site.idPrefix });
}

function newestFirst(articles: Article[]): Article[] {
  return articles.sort(
    (a, b) =>
      b.published.toMillis() - a.published.toMillis() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

const articles = Array.from({ length: articleCount }, (_, n) => article(n, 0));
let snapshot = buildSite(newestFirst([...articles]), [], context);
let settled = 0;
/** Each build's table, held weakly: only the last one should still be alive at the end. */
const tables: WeakRef<object>[] = [];
for (let round = 1; round <= rounds; round++) {
  const n = (round * 37) % articleCount;
  articles[n] = article(n, round);
  snapshot = buildSite(newestFirst([...articles]), [], context, snapshot);
  await new Promise((resolve) => setImmediate(resolve));
  tables.push(new WeakRef(snapshot.renditions));
  if (round === Math.ceil(rounds / 10)) settled = liveHeapMiB();
}
await new Promise((resolve) => setImmediate(resolve));
const end = liveHeapMiB();
const tablesAlive = tables.filter((table) => table.deref() !== undefined).length;
process.stdout.write(
  `${JSON.stringify({ rounds, settledMiB: settled, endMiB: end, tablesAlive, paths: [...snapshot.renditions.keys()].length })}\n`,
);
