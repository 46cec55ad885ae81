import { describe, expect, it } from "vitest";
import { type ArticleBody, BodySource } from "../../src/articles/indexed-article.js";

/** A source over named bodies of `size` characters, counting every read of a file. */
function countingSource(size: number, budgetBytes: number) {
  const reads = new Map<string, number>();
  const source = new BodySource((file): ArticleBody => {
    reads.set(file, (reads.get(file) ?? 0) + 1);
    return { bodyHtml: `<p>${file}</p>`.padEnd(size, "x"), summary: undefined };
  }, budgetBytes);
  return { source, reads };
}

describe("the bodies of indexed articles", () => {
  it("are read from their file once while they fit the budget", () => {
    // Each body is 1,000 characters, 2,000 bytes as UTF-16: ten fit in 20,000 bytes.
    const { source, reads } = countingSource(1_000, 20_000);
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 10; i++)
        expect(source.body(`${i}.md`).bodyHtml).toContain(`<p>${i}.md</p>`);
    expect([...reads.values()]).toEqual(Array(10).fill(1));
    expect(source.keptBytes).toBe(20_000);
  });

  it("let the least recently asked for go when the budget is full", () => {
    const { source, reads } = countingSource(1_000, 6_000);
    source.body("a.md");
    source.body("b.md");
    source.body("c.md");
    // a is asked for again, so b is now the least recent and goes for d.
    source.body("a.md");
    source.body("d.md");
    expect(source.keptBytes).toBeLessThanOrEqual(6_000);
    source.body("a.md");
    source.body("c.md");
    expect(reads.get("a.md")).toBe(1);
    expect(reads.get("c.md")).toBe(1);
    source.body("b.md");
    expect(reads.get("b.md")).toBe(2);
  });

  it("keep a body larger than the whole budget only until the next is read", () => {
    const { source, reads } = countingSource(10_000, 6_000);
    source.body("big.md");
    source.body("big.md");
    expect(reads.get("big.md")).toBe(1);
    source.body("other.md");
    source.body("big.md");
    expect(reads.get("big.md")).toBe(2);
    expect(source.keptBytes).toBe(20_000);
  });
});
