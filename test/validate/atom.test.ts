import { describe, expect, it } from "vitest";
import { renderAtom } from "../../src/formats/atom.js";
import { validateFeedText } from "../../src/validate/index.js";
import { insertAfter, replaceEvery, replaceFirst, replaceNth } from "./edit-text.js";
import { bareSampleFeed, sampleFeed } from "./sample-feed.js";

function validAtom(): string {
  return renderAtom(sampleFeed());
}

function messagesOf(text: string): string[] {
  return validateFeedText("atom", text).map((problem) => problem.message);
}

const authorBlock = /\s*<author>[\s\S]*?<\/author>/;

describe("Atom 1.0 validation", () => {
  it("accepts the renderer's output for the sample feed", () => {
    expect(validateFeedText("atom", validAtom())).toEqual([]);
  });

  it("accepts a feed without entries, icon, summaries, entry authors or categories", () => {
    expect(validateFeedText("atom", renderAtom(bareSampleFeed()))).toEqual([]);
    expect(validateFeedText("atom", renderAtom(sampleFeed([])))).toEqual([]);
  });

  it("accepts entries that all have authors in a feed that has none", () => {
    const text = replaceFirst(validAtom(), authorBlock, "");
    expect(validateFeedText("atom", text)).toEqual([]);
  });

  it("accepts extension elements and dates with numeric offsets", () => {
    let text = insertAfter(
      validAtom(),
      "<entry>",
      '<fh:archive xmlns:fh="http://purl.org/syndication/history/1.0"/>',
    );
    text = replaceFirst(text, "2026-03-04T08:30:00Z", "2026-03-04T09:30:00.5+01:00");
    expect(validateFeedText("atom", text)).toEqual([]);
  });

  it.each<{ fault: string; edit: (text: string) => string; mentions: string }>([
    {
      fault: "feed without atom:id",
      edit: (text) => replaceFirst(text, /<id>[^<]*<\/id>/, ""),
      mentions: "/feed",
    },
    {
      fault: "entry without atom:id",
      edit: (text) => replaceNth(text, /<id>[^<]*<\/id>/, 2, ""),
      mentions: "/feed/entry[1]",
    },
    {
      fault: "feed without atom:title",
      edit: (text) => replaceFirst(text, /<title type="text">[^<]*<\/title>/, ""),
      mentions: "/feed",
    },
    {
      fault: "atom:updated that is not a date",
      edit: (text) =>
        replaceFirst(text, "<updated>2026-03-04T10:30:00Z", "<updated>2026-03-04 10:30:00"),
      mentions: "atom:updated",
    },
    {
      fault: "atom:updated without an offset",
      edit: (text) =>
        replaceFirst(text, "<updated>2026-03-04T10:30:00Z", "<updated>2026-03-04T10:30:00"),
      mentions: 'atom:updated "2026-03-04T10:30:00"',
    },
    {
      fault: "atom:published in lower case",
      edit: (text) => replaceFirst(text, "2026-03-04T08:30:00Z", "2026-03-04t08:30:00z"),
      mentions: "atom:published",
    },
    {
      fault: "atom:link without href",
      edit: (text) => replaceFirst(text, ' href="https://news.example.com/atom.xml"', ""),
      mentions: "link",
    },
    {
      fault: "a duplicate entry id",
      edit: (text) =>
        replaceFirst(
          text,
          "<id>tag:news.example.com,2026:article/2</id>",
          "<id>tag:news.example.com,2026:article/3</id>",
        ),
      mentions: 'duplicate entry atom:id "tag:news.example.com,2026:article/3"',
    },
    {
      fault: "an id that is not an absolute IRI",
      edit: (text) =>
        replaceFirst(text, "<id>tag:news.example.com,2026:article/2</id>", "<id>12345</id>"),
      mentions: 'atom:id "12345"',
    },
    {
      fault: "an unknown Atom element",
      edit: (text) => insertAfter(text, "<entry>", "<headline>x</headline>"),
      mentions: "headline",
    },
    {
      fault: "a text construct of an unknown type",
      edit: (text) => replaceFirst(text, '<summary type="text">', '<summary type="markdown">'),
      mentions: "summary",
    },
    {
      fault: "a category without term",
      edit: (text) => replaceFirst(text, '<category term="world"/>', "<category/>"),
      mentions: "category",
    },
    {
      fault: "an author without name",
      edit: (text) => replaceFirst(text, "<name>Example News</name>", ""),
      mentions: "author",
    },
    {
      fault: "an email without @",
      edit: (text) =>
        replaceFirst(text, "<email>bo@news.example.com</email>", "<email>nobody</email>"),
      mentions: "email",
    },
    {
      fault: "no author in the feed or an entry",
      edit: (text) => replaceEvery(text, authorBlock, ""),
      mentions: "atom:entry has no atom:author",
    },
    {
      fault: "an entry with neither content nor an alternate link",
      edit: (text) =>
        replaceFirst(
          replaceFirst(text, /<content type="html">[^<]*<\/content>/, ""),
          '<link rel="alternate" type="text/html" href="https://news.example.com/articles/story-3"/>',
          "",
        ),
      mentions: "neither atom:content",
    },
    {
      fault: "two alternate links of the same type",
      edit: (text) =>
        insertAfter(
          text,
          "<entry>",
          '<link rel="alternate" type="text/html" href="https://news.example.com/other"/>',
        ),
      mentions: "alternate atom:link",
    },
    {
      fault: "an Atom Entry Document instead of a feed",
      edit: (text) => {
        const entry = /<entry>[\s\S]*?<\/entry>/.exec(text)?.[0] ?? "";
        return `<?xml version="1.0" encoding="UTF-8"?>\n${entry.replace("<entry>", '<entry xmlns="http://www.w3.org/2005/Atom">')}\n`;
      },
      mentions: "root element must be atom:feed",
    },
    {
      fault: "a feed in no namespace",
      edit: (text) => replaceFirst(text, ' xmlns="http://www.w3.org/2005/Atom"', ""),
      mentions: "feed",
    },
    {
      fault: "a mismatched end tag (not well-formed)",
      edit: (text) => replaceFirst(text, "</summary>", "</summry>"),
      mentions: "summary",
    },
    {
      fault: "an undefined entity (not well-formed)",
      edit: (text) => replaceFirst(text, "&amp; Views", "&nbsp; Views"),
      mentions: "nbsp",
    },
  ])("rejects $fault", ({ edit, mentions }) => {
    const messages = messagesOf(edit(validAtom()));
    expect(messages).not.toEqual([]);
    expect(messages.join("\n")).toContain(mentions);
  });

  it("reports a parse error with its line and column", () => {
    const text = replaceFirst(validAtom(), "</summary>", "</summry>");
    const line = text.split("\n").findIndex((l) => l.includes("</summry>")) + 1;
    const [problem] = validateFeedText("atom", text);
    expect(problem?.line).toBe(line);
    expect(problem?.column).toBeGreaterThan(0);
  });
});
