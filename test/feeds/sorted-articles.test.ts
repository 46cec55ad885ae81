// SortedArticles' snapshot: a copy in order that later changes leave alone, and the same copy for
// everyone who asks until the next change.
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/articles/parse.js";
import { newestPublishedFirst, SortedArticles } from "../../src/feeds/sorted-articles.js";
import type { Article } from "../../src/model.js";
import { markdownArticle } from "../support/articles-dir.js";
import { testSite } from "../support/site.js";

function article(day: number): Article {
  const published = `2026-03-${String(day).padStart(2, "0")}T10:00:00Z`;
  return parseArticle(`day-${day}.md`, markdownArticle({ title: `Day ${day}`, published }), {
    idPrefix: testSite().idPrefix,
  });
}

const days = (articles: readonly Article[]) => articles.map((a) => a.title);

describe("a snapshot of sorted articles", () => {
  it("is the same copy until an insert or a removal, and keeps its state after one", () => {
    const [first, second, third] = [article(1), article(2), article(3)] as const;
    const sorted = new SortedArticles(newestPublishedFirst, [first, second]);
    const before = sorted.snapshot();
    expect(days(before)).toEqual(["Day 2", "Day 1"]);
    expect(sorted.snapshot()).toBe(before);

    sorted.insert(third);
    const afterInsert = sorted.snapshot();
    expect(afterInsert).not.toBe(before);
    expect(days(afterInsert)).toEqual(["Day 3", "Day 2", "Day 1"]);
    expect(days(before)).toEqual(["Day 2", "Day 1"]);

    sorted.remove(second);
    expect(days(sorted.snapshot())).toEqual(["Day 3", "Day 1"]);
    expect(days(afterInsert)).toEqual(["Day 3", "Day 2", "Day 1"]);
    // Removing what is not there changes nothing, so the copy stands.
    const afterRemove = sorted.snapshot();
    sorted.remove(second);
    expect(sorted.snapshot()).toBe(afterRemove);
  });
});
