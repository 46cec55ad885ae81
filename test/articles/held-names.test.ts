// The store's ids and slugs are held change by change (held-names.ts): after any sequence of
// added, edited and removed files, the kept articles and the refused claimants are those a pass
// over every article (keepHolders) finds, and a change decides again only the names it touches.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { HeldNames } from "../../src/articles/held-names.js";
import {
  type HolderStorage,
  keepHolders,
  MemoryHolderRecord,
  StoredHolderRecord,
} from "../../src/articles/name-holders.js";
import { parseArticle } from "../../src/articles/parse.js";
import type { Article, StoreProblem } from "../../src/model.js";
import { markdownArticle } from "../support/articles-dir.js";

const files = ["a.md", "b.md", "c.md", "d.md", "e.md"];

function article(file: string, id: number, slug: number): Article {
  return parseArticle(
    file,
    markdownArticle({
      title: "Story",
      published: "2026-03-01T08:00:00Z",
      id: `tag:news.example.com,2026:${id}`,
      slug: `story-${slug}`,
    }),
    { idPrefix: "tag:news.example.com,2026:" },
  );
}

/** What a pass over every article finds, with the holders `record` has recorded. */
function fromScratch(
  current: ReadonlyMap<string, Article>,
  record: MemoryHolderRecord,
  modifiedAt: (file: string) => number,
) {
  const problems: StoreProblem[] = [];
  const sorted = [...current.keys()].sort().map((file) => current.get(file) as Article);
  const kept = keepHolders(sorted, problems, { record, modifiedAt });
  return { kept: kept.map((a) => a.file).sort(), problems: [...problems].sort(byProblem) };
}

const byProblem = (a: StoreProblem, b: StoreProblem) =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.message < b.message ? -1 : 1;

describe("held names", () => {
  // Each step puts an article with one of three ids and three slugs in a file, or removes it;
  // the names are settled after some steps (and after the last), so several changes can come
  // between two settlings. Files are of three ages, some the same, so age and name both decide.
  const step = fc.record({
    file: fc.constantFrom(...files),
    gone: fc.boolean(),
    id: fc.integer({ min: 0, max: 2 }),
    slug: fc.integer({ min: 0, max: 2 }),
    settle: fc.boolean(),
  });
  const ages: Record<string, number> = { "a.md": 2, "b.md": 0, "c.md": 1, "d.md": 0, "e.md": 2 };
  const modifiedAt = (file: string) => ages[file] ?? 0;

  // What a record made before this process started may say: any file (even one that is not
  // there) holding any of the names, or a name none claims.
  const recorded = fc.array(
    fc.record({
      field: fc.constantFrom("id", "slug"),
      name: fc.integer({ min: 0, max: 3 }),
      file: fc.constantFrom(...files, "gone.md"),
    }),
    { maxLength: 8 },
  );

  test.prop([recorded, fc.array(step, { minLength: 1, maxLength: 40 })], { numRuns: 300 })(
    "keep, change by change, what a pass over every article keeps",
    (before, steps) => {
      const record = new MemoryHolderRecord(
        new Map(
          before.map(({ field, name, file }) => [
            field === "id" ? `id tag:news.example.com,2026:${name}` : `slug story-${name}`,
            file,
          ]),
        ),
      );
      const held = new HeldNames({ record, modifiedAt });
      const current = new Map<string, Article>();
      // The holders recorded at the last settling, which the pass over every article is given.
      let recordedBefore = recordedNow(record);
      steps.forEach(({ file, gone, id, slug, settle }, i) => {
        if (gone) current.delete(file);
        else current.set(file, article(file, id, slug));
        held.change(file, current.get(file));
        if (!settle && i < steps.length - 1) return;
        const expected = fromScratch(current, new MemoryHolderRecord(recordedBefore), modifiedAt);
        held.settle();
        recordedBefore = recordedNow(record);
        const kept = [...current.keys()].filter((f) => !held.refuses(f)).sort();
        expect({ kept, problems: held.problems().sort(byProblem) }).toEqual(expected);
        for (const f of kept) {
          const a = current.get(f) as Article;
          expect(record.holderOf(`id ${a.id}`)).toBe(f);
          expect(record.holderOf(`slug ${a.slug}`)).toBe(f);
        }
      });
    },
  );

  it("decide again only the names a change touches", () => {
    // A record that remembers nothing, so at the first settling every name with two claimants is
    // decided by age.
    const forgetful = { holderOf: () => undefined, keys: () => [], update: () => {} };
    const asked: string[] = [];
    const held = new HeldNames({
      record: forgetful,
      modifiedAt: (file) => {
        asked.push(file);
        return 0;
      },
    });
    for (let n = 0; n < 100; n++) {
      held.change(`${n}-a.md`, article(`${n}-a.md`, n, 1000 + n));
      held.change(`${n}-b.md`, article(`${n}-b.md`, n, 2000 + n));
    }
    held.settle();
    expect(new Set(asked).size).toBe(200);
    asked.length = 0;
    held.change("7-b.md", article("7-b.md", 7, 3000));
    // Only id 7 is decided again (7-b.md, refused on its id, claims no slug), and its holder is
    // the one the first settling chose: no file's age is asked again.
    expect(held.settle()).toEqual(new Set(["7-a.md", "7-b.md"]));
    expect(asked).toEqual([]);
    expect(held.refuses("7-a.md")).toBe(false);
    expect(held.refuses("7-b.md")).toBe(true);
    expect(held.problems()).toHaveLength(100);
  });

  it("write nothing to a record that already names every holder, as at a restart", () => {
    const before = new MemoryHolderRecord();
    const first = new HeldNames({ record: before, modifiedAt: () => 0 });
    const stories = Array.from({ length: 50 }, (_, n) => article(`${n}.md`, n, n));
    for (const story of stories) first.change(story.file, story);
    first.settle();
    const written: Array<{ changed: number; forgotten: number }> = [];
    const record = new MemoryHolderRecord(recordedNow(before));
    const restarted = new HeldNames({
      record: {
        holderOf: (key) => record.holderOf(key),
        keys: () => record.keys(),
        update: (changed, forgotten) => {
          written.push({ changed: changed.size, forgotten: forgotten.length });
          record.update(changed, forgotten);
        },
      },
      modifiedAt: () => 0,
    });
    for (const story of stories) restarted.change(story.file, story);
    restarted.settle();
    expect(written).toEqual([]);
    restarted.change("7.md", article("7.md", 7, 99));
    restarted.settle();
    expect(written).toEqual([{ changed: 1, forgotten: 1 }]);
    expect(record.holderOf("slug story-99")).toBe("7.md");
  });

  it("forget at a restart the names of files that went while it was down, and keep the recorded holder of a contested one", () => {
    const stories = Array.from({ length: 20 }, (_, n) => article(`${n}.md`, n, n));
    const record = new MemoryHolderRecord(
      new Map(
        stories.flatMap((s) => [
          [`id ${s.id}`, s.file] as const,
          [`slug ${s.slug}`, s.file] as const,
        ]),
      ),
    );
    const written: Array<{ changed: string[]; forgotten: string[] }> = [];
    const held = new HeldNames({
      record: {
        holderOf: (key) => record.holderOf(key),
        keys: () => record.keys(),
        update: (changed, forgotten) => {
          written.push({ changed: [...changed.keys()], forgotten: [...forgotten] });
          record.update(changed, forgotten);
        },
      },
      // The newcomer is the older file: only the record keeps 3.md its holder.
      modifiedAt: (file) => (file === "a-copy.md" ? 0 : 1),
    });
    for (const story of stories) if (story.file !== "7.md") held.change(story.file, story);
    held.change("a-copy.md", article("a-copy.md", 3, 3));
    held.settle();
    const gone = stories[7] as Article;
    expect(written).toEqual([{ changed: [], forgotten: [`id ${gone.id}`, `slug ${gone.slug}`] }]);
    expect(record.holderOf(`id ${gone.id}`)).toBeUndefined();
    expect(held.refuses("a-copy.md")).toBe(true);
    expect(held.refuses("3.md")).toBe(false);
    expect(held.problems()).toEqual([
      {
        file: "a-copy.md",
        message: `id: "${(stories[3] as Article).id}" is already used by 3.md`,
      },
    ]);
  });

  it("let go of the stored record after the first settling, and read it again only if asked", () => {
    const stored = new Map<string, string>();
    let reads = 0;
    const storage: HolderStorage = {
      holders: () => {
        reads += 1;
        return new Map(stored);
      },
      saveHolders: (changed, forgotten) => {
        for (const key of forgotten) stored.delete(key);
        for (const [key, file] of changed) stored.set(key, file);
      },
    };
    const first = new HeldNames({ record: new StoredHolderRecord(storage), modifiedAt: () => 0 });
    for (let n = 0; n < 10; n++) first.change(`${n}.md`, article(`${n}.md`, n, n));
    first.change("copy.md", article("copy.md", 3, 30));
    first.settle();
    expect(stored.get("id tag:news.example.com,2026:3")).toBe("3.md");

    // A restart: read once for the first settling, then never again while changes come.
    reads = 0;
    const record = new StoredHolderRecord(storage);
    const held = new HeldNames({ record, modifiedAt: (file) => (file === "copy.md" ? 0 : 1) });
    for (let n = 0; n < 10; n++) held.change(`${n}.md`, article(`${n}.md`, n, n));
    held.change("copy.md", article("copy.md", 3, 30));
    held.settle();
    expect(reads).toBe(1);
    held.change("3.md", article("3.md", 3, 31));
    held.change("copy.md", article("copy.md", 3, 32));
    held.settle();
    expect(reads).toBe(1);
    // The recorded holder of the contested id kept it, although the copy is the older file.
    expect(held.refuses("3.md")).toBe(false);
    expect(held.refuses("copy.md")).toBe(true);
    expect(stored.get("slug story-31")).toBe("3.md");
    expect(stored.has("slug story-3")).toBe(false);
    // Asked after all, the record reads the storage again and answers from it.
    expect(record.holderOf("slug story-31")).toBe("3.md");
    expect(reads).toBe(2);
  });
});

function recordedNow(record: MemoryHolderRecord): Map<string, string> {
  return new Map([...record.keys()].map((key) => [key, record.holderOf(key) as string]));
}
