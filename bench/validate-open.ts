// npm run bench:validate: the open validator (npm run validate FILE) on generated feeds of
// 25,000 to 200,000 items, RSS and Atom, each checked in a fresh process so that its memory is
// its own. Prints the size, the wall and CPU time, the CPU time per item (constant when the time
// is linear), the peak RSS and the heap still in use after a full collection (what the check
// retains: the ids it compares for duplicates). Bounded: BENCH_VALIDATE_ITEMS (default
// "25000,50000,100000,200000") and a temporary folder removed at the end.
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkForeignFeed } from "../src/validate/open/index.js";

const sizes = (process.env.BENCH_VALIDATE_ITEMS ?? "25000,50000,100000,200000")
  .split(",")
  .map(Number);
const formats = ["rss", "atom"] as const;

function rssItem(n: number): string {
  const day = String(1 + (n % 28)).padStart(2, "0");
  return `<item><title>Story ${n}: the council votes on the budget</title><link>https://news.example.com/articles/story-${n}</link><guid isPermaLink="false">tag:news.example.com,2026:${n}</guid><pubDate>${["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][new Date(Date.UTC(2026, 1, Number(day))).getUTCDay()]}, ${day} Feb 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;The council met on Tuesday and voted on the budget for the coming year, after a long debate about the roads, the schools and the library.&lt;/p&gt;</description><dc:creator>Ada Lovelace</dc:creator><category>Politics</category></item>\n`;
}

function atomEntry(n: number): string {
  const day = String(1 + (n % 28)).padStart(2, "0");
  return `<entry><id>tag:news.example.com,2026:${n}</id><title>Story ${n}: the council votes on the budget</title><updated>2026-02-${day}T10:00:00Z</updated><link href="https://news.example.com/articles/story-${n}"/><author><name>Ada Lovelace</name></author><content type="html">&lt;p&gt;The council met on Tuesday and voted on the budget for the coming year, after a long debate about the roads, the schools and the library.&lt;/p&gt;</content></entry>\n`;
}

async function writeFeed(file: string, format: "rss" | "atom", items: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  if (format === "rss") {
    await write(
      `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Example News</title><link>https://news.example.com/</link><description>All the news</description>\n`,
    );
    for (let n = 1; n <= items; n += 1) await write(rssItem(n));
    await write("</channel></rss>\n");
  } else {
    await write(
      `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:news.example.com,2026:feed</id><title>Example News</title><updated>2026-02-28T10:00:00Z</updated>\n`,
    );
    for (let n = 1; n <= items; n += 1) await write(atomEntry(n));
    await write("</feed>\n");
  }
  out.end();
  await once(out, "finish");
}

/**
 * In a child: checks one file and prints, as JSON, the wall and CPU time, the problems found, the
 * peak RSS, and the heap still in use after a full collection once the check is done but its
 * report is kept (what the check retains: the ids it compares).
 */
async function child(file: string): Promise<void> {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const report = await checkForeignFeed(file, createReadStream(file, { highWaterMark: 1 << 16 }));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  globalThis.gc?.();
  const heapMiB = process.memoryUsage().heapUsed / 1024 / 1024;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const result = { ms, cpuMs, problems: report.problems.length, peakMiB, heapMiB };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-bench-validate-"));
  try {
    console.log(
      "| format | items | MiB | wall s | CPU s | CPU µs/item | problems | peak RSS MiB | heap after GC MiB |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const format of formats) {
      for (const items of sizes) {
        const file = path.join(dir, `${format}-${items}.xml`);
        await writeFeed(file, format, items);
        const mib = (await stat(file)).size / 1024 / 1024;
        const output = execFileSync(
          process.execPath,
          ["--expose-gc", "--import", "tsx", import.meta.filename, "--child", file],
          { encoding: "utf8" },
        );
        const result = JSON.parse(output) as {
          ms: number;
          cpuMs: number;
          problems: number;
          peakMiB: number;
          heapMiB: number;
        };
        console.log(
          `| ${format} | ${items} | ${mib.toFixed(1)} | ${(result.ms / 1000).toFixed(2)} | ${(result.cpuMs / 1000).toFixed(2)} | ${((result.cpuMs * 1000) / items).toFixed(1)} | ${result.problems} | ${result.peakMiB.toFixed(0)} | ${result.heapMiB.toFixed(1)} |`,
        );
        await rm(file);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf("--child");
const childFile = childAt >= 0 ? process.argv[childAt + 1] : undefined;
await (childFile === undefined ? main() : child(childFile));
