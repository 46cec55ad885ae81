// Run by memory.test.ts as `node --expose-gc --import tsx test/reliability/memory-probe.ts N`:
// opens the service on a folder of generated articles, then publishes N edits and new articles
// the way the API does (atomic write, then refresh), reading feeds and article pages in every
// coding after each. Prints the live heap (after full collections) before the service opens,
// after the first tenth of the edits and at the end, as one JSON line.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { articleSlug, generateArticles } from "../../bench/generate-articles.js";
import { articleFileText, writeFileAtomic } from "../../src/articles/write.js";
import { silentLogger } from "../../src/log.js";
import { openService } from "../../src/service.js";
import { liveHeapMiB } from "../support/live-heap.js";
import { testSite } from "../support/site.js";

const rounds = Number(process.argv[2] ?? 100);
const articleCount = 200;

const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-memory-"));
const server = createServer();
try {
  generateArticles(dir, articleCount, 4);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const before = liveHeapMiB();
  const service = await openService(
    { articlesDir: dir, site: testSite(), siteUrl: baseUrl },
    silentLogger,
  );
  server.on("request", service.handleRequest);
  let settled = 0;
  for (let n = 1; n <= rounds; n++) {
    const slug = n % 2 === 0 ? `edited-${n - 1}` : `edited-${n}`;
    await writeFileAtomic(
      dir,
      `${slug}.md`,
      articleFileText(
        { title: `Round ${n}`, published: "2026-05-01T00:00:00Z" },
        `Text of round ${n}. `.repeat(100),
      ),
    );
    await service.refresh([`${slug}.md`]);
    const paths = ["/rss.xml", "/atom.xml", "/feed.json", "/", `/articles/${slug}`];
    for (let i = 0; i < 20; i++)
      paths.push(`/articles/${articleSlug((n * 20 + i) % articleCount)}`);
    await Promise.all(
      paths.flatMap((pathname) =>
        ["identity", "gzip", "br"].map(async (encoding) => {
          const response = await fetch(`${baseUrl}${pathname}`, {
            headers: { "accept-encoding": encoding },
          });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`${pathname}: ${response.status}`);
        }),
      ),
    );
    // Compressed copies are made on the thread pool after a change: let them land.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (n === Math.ceil(rounds / 10)) settled = liveHeapMiB();
  }
  const end = liveHeapMiB();
  service.close();
  process.stdout.write(
    `${JSON.stringify({ rounds, beforeMiB: before, settledMiB: settled, endMiB: end })}\n`,
  );
} finally {
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
}
