import { fc, test } from "@fast-check/vitest";
import { diag } from "libxml2-wasm";
import { describe, expect, it } from "vitest";
import { renderAtom } from "../../src/formats/atom.js";
import { renderJsonFeed } from "../../src/formats/jsonfeed.js";
import { renderRss } from "../../src/formats/rss.js";
import type { FeedItem } from "../../src/model.js";
import { describeProblem, type FeedKind, validateFeedText } from "../../src/validate/index.js";
import { sampleFeed, sampleItems } from "./sample-feed.js";

const kinds: FeedKind[] = ["rss", "atom", "json"];

/** Text as articles hold it: any Unicode XML allows, markup characters and CDATA ends included. */
const articleText = fc.string({
  unit: fc.oneof(
    fc.constantFrom("<", ">", "&", '"', "'", "]]>", "\n", "\t", "&amp;", "<b>", "é", "😀"),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});
const nonEmptyArticleText = articleText.filter((text) => text.trim().length > 0);

describe("validator robustness", () => {
  test.prop([fc.constantFrom(...kinds), fc.string({ maxLength: 200 })])(
    "returns problems, never throws, for arbitrary text",
    (kind, text) => {
      const problems = validateFeedText(kind, text);
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) expect(typeof describeProblem(problem)).toBe("string");
    },
  );

  test.prop([fc.constantFrom(...kinds), fc.constantFrom(...kinds)])(
    "rejects a feed of one format checked as another",
    (rendered, checked) => {
      fc.pre(rendered !== checked);
      const render = { rss: renderRss, atom: renderAtom, json: renderJsonFeed }[rendered];
      expect(validateFeedText(checked, render(sampleFeed()))).not.toEqual([]);
    },
  );

  test.prop(
    [
      fc.record({
        title: articleText,
        summary: articleText,
        contentHtml: articleText,
        author: nonEmptyArticleText,
        tag: nonEmptyArticleText,
      }),
    ],
    { numRuns: 50 },
  )("accepts what the renderers make of any article text", (text) => {
    const [first, ...rest] = sampleItems();
    if (first === undefined) throw new Error("no sample items");
    const item: FeedItem = {
      ...first,
      title: text.title,
      summary: text.summary,
      contentHtml: text.contentHtml,
      authors: [{ name: text.author }],
      tags: [text.tag],
    };
    const feed = sampleFeed([item, ...rest]);
    expect(validateFeedText("rss", renderRss(feed))).toEqual([]);
    expect(validateFeedText("atom", renderAtom(feed))).toEqual([]);
    expect(validateFeedText("json", renderJsonFeed(feed))).toEqual([]);
  });

  it("disposes every document it parses, valid or not", () => {
    const texts = kinds.map((kind) => ({
      kind,
      text: { rss: renderRss, atom: renderAtom, json: renderJsonFeed }[kind](sampleFeed()),
    }));
    for (const { kind, text } of texts) validateFeedText(kind, text); // grammars compiled and kept
    diag.configure({ enabled: true });
    try {
      for (const { kind, text } of texts) {
        validateFeedText(kind, text);
        validateFeedText(kind, text.replace("<item>", "<item><foo/>"));
        validateFeedText(kind, text.slice(0, text.length / 2));
      }
      const report: unknown = diag.report();
      expect(report).toEqual({});
    } finally {
      diag.configure({ enabled: false });
    }
  });

  it("reports an unknown kind instead of throwing", () => {
    const kind = "opml" as FeedKind; // a caller outside TypeScript's reach
    expect(validateFeedText(kind, "<opml/>")).toEqual([{ message: 'unknown feed kind "opml"' }]);
  });
});
