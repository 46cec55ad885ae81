import { describe, expect, it } from "vitest";
import { renderJsonFeed } from "../../src/formats/jsonfeed.js";
import { validateFeedText } from "../../src/validate/index.js";
import { replaceFirst } from "./edit-text.js";
import { bareSampleFeed, sampleFeed } from "./sample-feed.js";

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function validJson(): string {
  return renderJsonFeed(sampleFeed());
}

/** The valid feed, parsed, changed by `change`, and serialised again. */
function editedFeed(change: (feed: JsonObject, items: JsonObject[]) => void): string {
  const feed: unknown = JSON.parse(validJson());
  if (!isJsonObject(feed) || !Array.isArray(feed.items)) throw new Error("sample is not a feed");
  const items = feed.items.filter(isJsonObject);
  change(feed, items);
  return JSON.stringify(feed, null, 2);
}

/** The n-th (0-based) item of the sample feed; throws when there is none. */
function itemAt(items: JsonObject[], index: number): JsonObject {
  const item = items[index];
  if (item === undefined) throw new Error(`sample has no item ${index}`);
  return item;
}

function messagesOf(text: string): string[] {
  return validateFeedText("json", text).map((problem) => problem.message);
}

describe("JSON Feed 1.1 validation", () => {
  it("accepts the renderer's output for the sample feed", () => {
    expect(validateFeedText("json", validJson())).toEqual([]);
  });

  it("accepts a feed without items, icon, summaries, authors or tags", () => {
    expect(validateFeedText("json", renderJsonFeed(bareSampleFeed()))).toEqual([]);
    expect(validateFeedText("json", renderJsonFeed(sampleFeed([])))).toEqual([]);
  });

  it("accepts extensions, attachments, a next_url and numeric offsets", () => {
    const text = editedFeed((feed, items) => {
      feed._wirefeed = { about: "https://news.example.com/about" };
      feed.next_url = "https://news.example.com/feed.json?page=2";
      const item = itemAt(items, 0);
      item.attachments = [
        { url: "https://news.example.com/media/3.mp3", mime_type: "audio/mpeg", size_in_bytes: 1 },
      ];
      item.date_published = "2026-03-04T09:30:00+01:00";
    });
    expect(validateFeedText("json", text)).toEqual([]);
  });

  it.each<{ fault: string; text: () => string; mentions: string }>([
    {
      fault: "a feed without version",
      text: () => editedFeed((feed) => delete feed.version),
      mentions: "version",
    },
    {
      fault: "JSON Feed version 1",
      text: () => editedFeed((feed) => (feed.version = "https://jsonfeed.org/version/1")),
      mentions: 'version: must be "https://jsonfeed.org/version/1.1"',
    },
    {
      fault: "an unknown version",
      text: () => editedFeed((feed) => (feed.version = "https://jsonfeed.org/version/2")),
      mentions: "version",
    },
    {
      fault: "a feed without title",
      text: () => editedFeed((feed) => delete feed.title),
      mentions: "title",
    },
    {
      fault: "items that are not an array",
      text: () => editedFeed((feed) => (feed.items = { first: feed.items })),
      mentions: "items: must be array",
    },
    {
      fault: "an item without id",
      text: () => editedFeed((_, items) => delete itemAt(items, 1).id),
      mentions: "items[1]",
    },
    {
      fault: "an item id that is a number",
      text: () => editedFeed((_, items) => (itemAt(items, 1).id = 2)),
      mentions: "items[1].id",
    },
    {
      fault: "duplicate item ids",
      text: () => editedFeed((_, items) => (itemAt(items, 2).id = itemAt(items, 0).id)),
      mentions:
        'items[2].id: duplicate id "tag:news.example.com,2026:article/3" (first in items[0])',
    },
    {
      fault: "a duplicate id after an item that is not an object",
      text: () =>
        editedFeed((feed, items) => {
          feed.items = [7, ...items, { ...itemAt(items, 1) }];
        }),
      mentions: "items[4].id: duplicate id",
    },
    {
      fault: "next_url equal to feed_url",
      text: () => editedFeed((feed) => (feed.next_url = feed.feed_url)),
      mentions: "next_url",
    },
    {
      fault: "a date_published that is not a date",
      text: () => editedFeed((_, items) => (itemAt(items, 0).date_published = "yesterday")),
      mentions: "items[0].date_published",
    },
    {
      fault: "a date_modified without an offset",
      text: () =>
        editedFeed((_, items) => (itemAt(items, 1).date_modified = "2026-02-01T14:00:00")),
      mentions: "items[1].date_modified",
    },
    {
      fault: "a date_published in lower case",
      text: () =>
        editedFeed((_, items) => (itemAt(items, 0).date_published = "2026-03-04t08:30:00z")),
      mentions: "items[0].date_published",
    },
    {
      fault: "authors that are not an array",
      text: () => editedFeed((feed) => (feed.authors = { name: "Example News" })),
      mentions: "authors: must be array",
    },
    {
      fault: "an author without any property",
      text: () => editedFeed((_, items) => (itemAt(items, 0).authors = [{}])),
      mentions: "items[0].authors[0]",
    },
    {
      fault: "an unknown property",
      text: () => editedFeed((feed) => (feed.subtitle = "x")),
      mentions: 'must not have the property "subtitle"',
    },
    {
      fault: "an item without content",
      text: () => editedFeed((_, items) => delete itemAt(items, 0).content_html),
      mentions: "content_html",
    },
    {
      fault: "a feed_url that is not a URL",
      text: () => editedFeed((feed) => (feed.feed_url = "feed.json")),
      mentions: "feed_url",
    },
    {
      fault: "tags that are not strings",
      text: () => editedFeed((_, items) => (itemAt(items, 0).tags = ["world", 7])),
      mentions: "items[0].tags[1]",
    },
    {
      fault: "an attachment without mime_type",
      text: () =>
        editedFeed(
          (_, items) =>
            (itemAt(items, 0).attachments = [{ url: "https://news.example.com/a.mp3" }]),
        ),
      mentions: "mime_type",
    },
    {
      fault: "expired that is not a boolean",
      text: () => editedFeed((feed) => (feed.expired = "yes")),
      mentions: "expired",
    },
    {
      fault: "a JSON array",
      text: () => "[]\n",
      mentions: "feed: must be object",
    },
    {
      fault: "a trailing comma (not well-formed)",
      text: () =>
        replaceFirst(
          validJson(),
          '"language": "en",\n  "authors"',
          '"language": "en",,\n  "authors"',
        ),
      mentions: "not well-formed JSON",
    },
    {
      fault: "an empty document (not well-formed)",
      text: () => "",
      mentions: "not well-formed JSON",
    },
  ])("rejects $fault", ({ text, mentions }) => {
    const messages = messagesOf(text());
    expect(messages).not.toEqual([]);
    expect(messages.join("\n")).toContain(mentions);
  });

  it("reports a faulty date once, not once per check", () => {
    const text = editedFeed((_, items) => (itemAt(items, 0).date_published = "yesterday"));
    expect(validateFeedText("json", text)).toEqual([
      { message: 'items[0].date_published: must match format "date-time"' },
    ]);
  });

  it("places a JSON syntax error at its line and column when the parser gives its position", () => {
    const text = replaceFirst(validJson(), '"title": "Example', '"title": "Example",');
    const lines = text.split("\n");
    const line = lines.findIndex((l) => l.includes('"title": "Example",')) + 1;
    const column = (lines[line - 1] ?? "").indexOf('"Views"') + "Views".length + 3;
    const [problem] = validateFeedText("json", text);
    expect(problem?.line).toBe(line);
    expect(problem?.column).toBeGreaterThan(column - 2);
  });
});
