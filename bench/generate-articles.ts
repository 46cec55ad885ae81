// Generates N deterministic Markdown articles the size of real wire copy into a folder, for
// benchmarks: 8–12 paragraphs of about 60 words, a link in most paragraphs, 3 of 200 tags, one of
// 40 authors (a few with two), one story every 63 s (1,000,000 of them span two years).
// Usage: tsx bench/generate-articles.ts DIR COUNT [PARAGRAPHS]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Seconds between two stories: a wire service's 1,370 a day. */
export const storySpacingSeconds = 63;

// The seed article's words with their frequencies, so text compresses like news copy.
const words = readFileSync(new URL("../test/fixtures/seed.txt", import.meta.url), "utf8")
  .split(/\s+/)
  .filter((word) => /^[\p{L}\p{N}][\p{L}\p{N}’'-]*[,.]?$/u.test(word));

/** One step of a linear congruential generator: deterministic, cheap, good enough for text. */
function next(state: number): number {
  return (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
}

function seeded(seed: number): number {
  return next(Math.imul(seed + 1, 2_654_435_761) >>> 0);
}

/**
 * A pool of paragraphs made once; an article takes 8–12 of them, so a million articles cost
 * string joins, not a million words drawn one by one.
 */
const paragraphPool: string[] = (() => {
  const pool: string[] = [];
  let state = 7;
  for (let p = 0; p < 16_384; p++) {
    state = next(state);
    const length = 54 + (state % 13);
    const out: string[] = [];
    for (let i = 0; i < length; i++) {
      state = next(state);
      out.push(words[state % words.length] as string);
    }
    const text = out.join(" ").replace(/[,.]$/, "");
    pool.push(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
  }
  return pool;
})();

const sections = [
  "World",
  "Politics",
  "Business",
  "Economy",
  "Markets",
  "Technology",
  "Science",
  "Health",
  "Climate",
  "Energy",
  "Sport",
  "Culture",
  "Europe",
  "Asia",
  "Africa",
  "Americas",
  "Middle East",
  "Defence",
  "Law",
  "Education",
];
/** 200 tags: 20 sections, which most stories carry one of, and 180 topics. */
const tags = [...sections, ...Array.from({ length: 180 }, (_, i) => `Topic ${i + 1}`)];
const givenNames = ["Ana", "Bo", "Chen", "Dara", "Elif", "Femi", "Greta", "Hugo"];
const familyNames = ["Ruiz", "Li", "Okafor", "Novak", "Sato"];
/** 40 authors. */
const authors = givenNames.flatMap((given) => familyNames.map((family) => `${given} ${family}`));

function pick<T>(list: readonly T[], state: number): T {
  return list[state % list.length] as T;
}

/** Three distinct tags: one section, two topics. */
function tagsOf(state: number): string[] {
  const section = pick(sections, state);
  const first = 20 + (next(state) % 180);
  const second = 20 + ((first - 20 + 1 + (next(next(state)) % 179)) % 180);
  return [section, tags[first] as string, tags[second] as string];
}

function linkFor(index: number, paragraph: number, state: number): string {
  if (state % 3 === 0) {
    const other = Math.max(0, index - 1 - (state % 500));
    return `[the earlier report](/articles/${articleSlug(other)})`;
  }
  return `[${pick(words, state)} ${pick(words, next(state))}](https://www.example.org/${2020 + (index % 3)}/${index}-${paragraph})`;
}

function bodyOf(index: number, count: number): string {
  let state = seeded(index);
  const paragraphs: string[] = [];
  for (let p = 0; p < count; p++) {
    state = next(state);
    const text = pick(paragraphPool, state);
    // Three paragraphs in four carry a link, as wire copy links its sources and earlier reports.
    paragraphs.push(p % 4 === 3 ? text : `${text} See ${linkFor(index, p, next(state))}.`);
  }
  return paragraphs.join("\n\n");
}

/** The slug of story `index` (its page is /articles/<slug>). */
export function articleSlug(index: number): string {
  return `story-${String(index).padStart(7, "0")}`;
}

export function articleFileName(index: number): string {
  return `${articleSlug(index)}.md`;
}

/** When story `index` is published: one every storySpacingSeconds from 2024-01-01. */
export function publishedAt(index: number): Date {
  return new Date(Date.UTC(2024, 0, 1) + index * storySpacingSeconds * 1000);
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(".000Z", "Z");
}

export interface ArticleEdit {
  /** A title to replace the generated one. */
  title?: string;
  /** An `updated` date, which brings the story to the top of the subscription feeds. */
  updated?: Date;
}

/**
 * The text of story `index`. `paragraphs` fixes the body's length; without it, 8–12 paragraphs.
 */
export function articleText(index: number, paragraphs?: number, edit: ArticleEdit = {}): string {
  const state = seeded(index);
  const author = pick(authors, state);
  // One story in six has a second author.
  const byline =
    state % 6 === 0 ? `[${author}, ${pick(authors, next(next(state)))}]` : `"${author}"`;
  const title = edit.title ?? `${pick(sections, next(state))}: story ${index} on talks & results`;
  const front = [
    "---",
    `title: "${title}"`,
    `published: "${isoSeconds(publishedAt(index))}"`,
    ...(edit.updated === undefined ? [] : [`updated: "${isoSeconds(edit.updated)}"`]),
    `author: ${byline}`,
    `tags: [${tagsOf(state).join(", ")}]`,
    `id: "tag:news.example.com,2024:story-${index}"`,
    "---",
  ].join("\n");
  return `${front}\n${bodyOf(index, paragraphs ?? 8 + (state % 5))}\n`;
}

/**
 * Writes stories 0 … count-1 into `dir` (synchronously: for many small files several times
 * faster than fs/promises). `onProgress` hears the count written every 10,000 files.
 */
export function generateArticles(
  dir: string,
  count: number,
  paragraphs?: number,
  onProgress?: (written: number) => void,
): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    writeFileSync(path.join(dir, articleFileName(i)), articleText(i, paragraphs));
    if (onProgress !== undefined && (i + 1) % 10_000 === 0) onProgress(i + 1);
  }
}

if (process.argv[1] !== undefined && import.meta.filename === path.resolve(process.argv[1])) {
  const [dir, count, paragraphs] = process.argv.slice(2);
  if (dir === undefined || count === undefined) {
    console.error("usage: tsx bench/generate-articles.ts DIR COUNT [PARAGRAPHS]");
    process.exit(2);
  }
  generateArticles(dir, Number(count), paragraphs === undefined ? undefined : Number(paragraphs));
}
