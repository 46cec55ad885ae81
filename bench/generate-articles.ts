// Generates N deterministic Markdown articles into a folder, for benchmarks.
// Usage: tsx bench/generate-articles.ts DIR COUNT [PARAGRAPHS]
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

// The vocabulary of the seed article, so text compresses like real news copy, not like a loop.
const words = [
  ...new Set(
    readFileSync(new URL("../test/fixtures/seed.txt", import.meta.url), "utf8")
      .split(/\s+/)
      .filter((word) => word !== ""),
  ),
];

/** A deterministic pseudo-random paragraph (a linear congruential generator seeded by `seed`). */
function paragraph(seed: number, length: number): string {
  let state = (seed * 2_654_435_761) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    out.push(words[state % words.length] as string);
  }
  return `${out.join(" ")}.`;
}

export function articleText(index: number, paragraphs: number): string {
  const published = new Date(Date.UTC(2020, 0, 1) + index * 3_600_000)
    .toISOString()
    .replace(".000Z", "Z");
  const front = [
    "---",
    `title: "Story ${index}: talks & results"`,
    `published: "${published}"`,
    `author: Reporter ${index % 40}`,
    `tags: [Section ${index % 7}, Topic ${index % 11}]`,
    `id: "tag:news.example.com,2020:story-${index}"`,
    "---",
  ].join("\n");
  const body = Array.from({ length: paragraphs }, (_, p) => paragraph(index + p, 60)).join("\n\n");
  return `${front}\n${body}\n`;
}

export async function generateArticles(dir: string, count: number, paragraphs = 4): Promise<void> {
  await mkdir(dir, { recursive: true });
  const batch = 256;
  for (let start = 0; start < count; start += batch) {
    const writes: Promise<void>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      writes.push(
        writeFile(
          path.join(dir, `story-${String(i).padStart(6, "0")}.md`),
          articleText(i, paragraphs),
        ),
      );
    }
    await Promise.all(writes);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count, paragraphs] = process.argv.slice(2);
  if (dir === undefined || count === undefined) {
    console.error("usage: tsx bench/generate-articles.ts DIR COUNT [PARAGRAPHS]");
    process.exit(2);
  }
  await generateArticles(
    dir,
    Number(count),
    paragraphs === undefined ? undefined : Number(paragraphs),
  );
}
