// Property: whatever YAML front matter and Markdown a file holds (aliases that expand without
// bound, nesting thousands of levels deep, emphasis that renders in quadratic time, lines of
// hundreds of kilobytes), the bounded parser gives an article with its body rendered, or an
// ArticleError naming the file; never a hang, never a stack overflow. The body renders on a real
// worker thread with a short RENDER_TIMEOUT_MS; a body nested past the bound is always refused.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { markdownNestingProblem, maxMarkdownNesting } from "../../src/articles/markdown-body.js";
import { renderBodyOffThread } from "../../src/articles/off-thread-body.js";
import { ArticleError, parseArticle } from "../../src/articles/parse.js";
import { sharedWorkerPool } from "../../src/workers/worker-pool.js";
import { cleanText } from "../../src/xml-text.js";
import { hostileText } from "../support/hostile-text.js";

const bound = { pool: sharedWorkerPool(), timeoutMs: 500 };

/** A count, as often in the thousands as below a hundred: fast-check alone favours small ones. */
function count(max: number): fc.Arbitrary<number> {
  return fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: max / 3, max }));
}

/** Anchors nested `depth` levels, each list repeating the level below `fanout` times. */
const aliasBomb = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 12 }))
  .map(([depth, fanout]) => {
    const lines = ['b0: &b0 ["lol"]'];
    for (let level = 1; level <= depth; level++) {
      lines.push(
        `b${level}: &b${level} [${Array(fanout)
          .fill(`*b${level - 1}`)
          .join(", ")}]`,
      );
    }
    return lines.join("\n");
  });

/** Flow collections nested up to 3,000 levels. */
const deepYaml = fc.tuple(fc.constantFrom("[", "{a: "), count(3_000)).map(([open, depth]) => {
  const close = open === "[" ? "]" : "}";
  return `deep: ${open.repeat(depth)}1${close.repeat(depth)}`;
});

/** Any text as a YAML value, a key, or a line of its own. */
const strayYaml = fc
  .tuple(hostileText, fc.constantFrom("value", "key", "line"))
  .map(([text, place]) =>
    place === "value"
      ? `extra: ${JSON.stringify(text)}`
      : place === "key"
        ? `${JSON.stringify(text)}: 1`
        : text.replaceAll("---", ""),
  );

const frontMatterExtra = fc.oneof(aliasBomb, deepYaml, strayYaml, fc.constant(""));

/** Container markers repeated: `> > >`, `1. 1. 1.`, `- - -`, mixed. */
const nestedMarkers = fc
  .tuple(fc.constantFrom("> ", "1. ", "- ", "* ", "> - ", ">"), count(3_000))
  .map(([marker, count]) => `${marker.repeat(count)}x`);

/** Lines each one level deeper, by quote markers or by indentation. */
const deepeningLines = fc
  .tuple(fc.boolean(), count(600))
  .map(([quotes, count]) =>
    Array.from({ length: count }, (_, i) =>
      quotes ? `${">".repeat(i + 1)} x` : `${" ".repeat(2 * i)}- x`,
    ).join("\n"),
  );

/** Inline runs that Markdown parsers handle in more than linear time. */
const inlineRuns = fc
  .tuple(
    fc.constantFrom("_a", "*a", "[a", "`a", "<a", "a ", "**a_"),
    fc.integer({ min: 1, max: 60_000 }),
  )
  .map(([run, count]) => run.repeat(count));

const markdownBody = fc.oneof(nestedMarkers, deepeningLines, inlineRuns, hostileText);

function fileText(extra: string, body: string): string {
  return `---\ntitle: Fuzzed\npublished: 2026-03-01T10:00:00Z\n${extra}\n---\n${body}\n`;
}

describe("the bounded parser", () => {
  test.prop([frontMatterExtra, markdownBody], { numRuns: 40 })(
    "gives an article with its body rendered, or an ArticleError naming the file",
    async (extra, body) => {
      let outcome: unknown;
      try {
        const article = parseArticle("fuzzed.md", fileText(extra, body), { idPrefix: "tag:x:" });
        outcome = await renderBodyOffThread(article, bound);
      } catch (error) {
        outcome = error;
      }
      if (outcome instanceof ArticleError) {
        expect(outcome.file).toBe("fuzzed.md");
        expect(outcome.problems.length).toBeGreaterThan(0);
      } else {
        const html = (outcome as { bodyHtml: unknown }).bodyHtml;
        expect(typeof html).toBe("string");
        expect(cleanText(html as string)).toBe(html);
      }
      // The nesting bound decides alone, before any rendering: the outcome never depends on
      // the stack left where the parser runs.
      if (markdownNestingProblem(body) !== undefined) {
        expect(outcome).toBeInstanceOf(ArticleError);
        const problems = (outcome as ArticleError).problems;
        expect(
          problems.some((problem) => problem.includes(`nested more than ${maxMarkdownNesting}`)) ||
            problems.every((problem) => !problem.startsWith("body:")),
        ).toBe(true);
      }
    },
    180_000,
  );
});
