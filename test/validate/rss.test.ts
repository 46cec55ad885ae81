import { describe, expect, it } from "vitest";
import { renderRss } from "../../src/formats/rss.js";
import { validateFeedText } from "../../src/validate/index.js";
import { insertAfter, replaceFirst, replaceNth } from "./edit-text.js";
import { bareSampleFeed, sampleFeed } from "./sample-feed.js";

function validRss(): string {
  return renderRss(sampleFeed());
}

function messagesOf(text: string): string[] {
  return validateFeedText("rss", text).map((problem) => problem.message);
}

describe("RSS 2.0 validation", () => {
  it("accepts the renderer's output for the sample feed", () => {
    expect(validateFeedText("rss", validRss())).toEqual([]);
  });

  it("accepts a feed without items, icon, summaries, authors or tags", () => {
    expect(validateFeedText("rss", renderRss(bareSampleFeed()))).toEqual([]);
    expect(validateFeedText("rss", renderRss(sampleFeed([])))).toEqual([]);
  });

  it("accepts every RSS 2.0 channel and item element, in any order", () => {
    const channelExtras = [
      "<rating>(PICS-1.1 none)</rating>",
      "<skipDays><day>Saturday</day><day>Sunday</day></skipDays>",
      "<skipHours><hour>0</hour><hour>23</hour></skipHours>",
      "<textInput><name>q</name><title>Search</title><link>https://news.example.com/search</link><description>Search the news</description></textInput>",
      '<cloud domain="rpc.example.com" port="80" path="/RPC2" registerProcedure="pingMe" protocol="soap"/>',
      "<docs>https://www.rssboard.org/rss-specification</docs>",
      '<category domain="https://news.example.com/sections">World</category>',
      "<pubDate>4 Mar 2026 10:30 +0100</pubDate>",
      "<webMaster>web@news.example.com (Web Master)</webMaster>",
      "<managingEditor>editor@news.example.com</managingEditor>",
      "<copyright>© 2026 Example News</copyright>",
    ].join("");
    const itemExtras = [
      '<source url="https://wire.example.org/rss.xml">The Wire</source>',
      '<enclosure url="https://news.example.com/media/3.mp3" length="12345" type="audio/mpeg"/>',
      "<comments>https://news.example.com/articles/story-3#comments</comments>",
      "<author>ana@news.example.com (Ana Reporter)</author>",
    ].join("");
    let text = insertAfter(validRss(), "<channel>", channelExtras);
    text = insertAfter(text, "<item>", itemExtras);
    text = replaceFirst(
      text,
      "<url>https://news.example.com/icon.png</url>",
      "<width>144</width><height>400</height><description>Logo</description><url>https://news.example.com/icon.png</url>",
    );
    expect(validateFeedText("rss", text)).toEqual([]);
  });

  it("accepts an item with only a description, and a permalink guid", () => {
    let text = replaceNth(validRss(), /<title>[^<]*<\/title>/, 3, "");
    text = replaceFirst(
      text,
      '<guid isPermaLink="false">tag:news.example.com,2026:article/3</guid>',
      "<guid>https://news.example.com/articles/story-3</guid>",
    );
    expect(validateFeedText("rss", text)).toEqual([]);
  });

  it.each<{ date: string }>([
    { date: "Mon, 20 Oct 2014 08:00:00 GMT" },
    { date: "20 Oct 2014 08:00 UT" },
    { date: "Mon, 20 Oct 2014 08:00:00 -0500" },
    { date: "Mon, 20 Oct 2014 08:00:00 EST" },
    { date: "Mon, 20 Oct 2014 08:00:00 Z" },
  ])("accepts the RFC 822 date $date", ({ date }) => {
    const text = replaceFirst(
      validRss(),
      /<pubDate>[^<]*<\/pubDate>/,
      `<pubDate>${date}</pubDate>`,
    );
    expect(validateFeedText("rss", text)).toEqual([]);
  });

  it.each<{ fault: string; edit: (text: string) => string; mentions: string }>([
    {
      fault: "channel without title",
      edit: (text) => replaceFirst(text, /<title>[^<]*<\/title>/, ""),
      mentions: "title",
    },
    {
      fault: "channel without link",
      edit: (text) => replaceFirst(text, /<link>[^<]*<\/link>/, ""),
      mentions: "link",
    },
    {
      fault: "a relative channel link",
      edit: (text) =>
        replaceFirst(text, "<link>https://news.example.com/</link>", "<link>/index.html</link>"),
      mentions: "/rss/channel/link",
    },
    {
      fault: "channel without description",
      edit: (text) => replaceFirst(text, /<description>[^<]*<\/description>/, ""),
      mentions: "description",
    },
    {
      fault: "lastBuildDate with a two-digit year",
      edit: (text) => replaceFirst(text, "Mar 2026 10:30:00 GMT", "Mar 26 10:30:00 GMT"),
      mentions: "lastBuildDate",
    },
    {
      fault: "pubDate in ISO 8601",
      edit: (text) =>
        replaceFirst(text, /<pubDate>[^<]*<\/pubDate>/, "<pubDate>2026-03-04T08:30:00Z</pubDate>"),
      mentions: "pubDate",
    },
    {
      fault: "pubDate without a zone",
      edit: (text) => replaceFirst(text, "08:30:00 GMT</pubDate>", "08:30:00</pubDate>"),
      mentions: "pubDate",
    },
    {
      fault: 'isPermaLink="yes"',
      edit: (text) => replaceFirst(text, 'isPermaLink="false"', 'isPermaLink="yes"'),
      mentions: "isPermaLink",
    },
    {
      fault: "ttl that is not a number",
      edit: (text) => replaceFirst(text, "<ttl>15</ttl>", "<ttl>abc</ttl>"),
      mentions: "ttl",
    },
    {
      fault: "negative ttl",
      edit: (text) => replaceFirst(text, "<ttl>15</ttl>", "<ttl>-5</ttl>"),
      mentions: "ttl",
    },
    {
      fault: "enclosure without length",
      edit: (text) =>
        insertAfter(
          text,
          "<item>",
          '<enclosure url="https://news.example.com/a.mp3" type="audio/mpeg"/>',
        ),
      mentions: "enclosure",
    },
    {
      fault: "enclosure with a length that is not a number",
      edit: (text) =>
        insertAfter(
          text,
          "<item>",
          '<enclosure url="https://news.example.com/a.mp3" length="big" type="audio/mpeg"/>',
        ),
      mentions: "enclosure",
    },
    {
      fault: "content:encoded in the dc namespace",
      edit: (text) =>
        replaceFirst(
          text,
          /<content:encoded>([^<]*)<\/content:encoded>/,
          "<dc:encoded>$1</dc:encoded>",
        ),
      mentions: "encoded",
    },
    {
      fault: "atom:link in an item",
      edit: (text) =>
        insertAfter(text, "<item>", '<atom:link href="https://news.example.com/x" rel="self"/>'),
      mentions: "item[1]/atom:link",
    },
    {
      fault: "an unknown element in an item",
      edit: (text) => insertAfter(text, "<item>", "<foo>bar</foo>"),
      mentions: "foo",
    },
    {
      fault: "an element of an unknown namespace",
      edit: (text) =>
        insertAfter(
          text,
          "<item>",
          '<x:extra xmlns:x="https://example.com/not-a-feed-namespace">1</x:extra>',
        ),
      mentions: "item[1]/x:extra",
    },
    {
      fault: "an unknown attribute",
      edit: (text) => replaceFirst(text, "<item>", '<item rank="1">'),
      mentions: "rank",
    },
    {
      fault: "a duplicate guid",
      edit: (text) =>
        replaceFirst(
          text,
          "tag:news.example.com,2026:article/2<",
          "tag:news.example.com,2026:article/3<",
        ),
      mentions: "guid",
    },
    {
      fault: "an item with neither title nor description",
      edit: (text) =>
        replaceFirst(
          replaceNth(text, /<title>[^<]*<\/title>/, 3, ""),
          "<description>Summary of story 3.</description>",
          "",
        ),
      mentions: "item",
    },
    {
      fault: "a second channel",
      edit: (text) => replaceFirst(text, "</channel>", "</channel><channel/>"),
      mentions: "channel",
    },
    {
      fault: "version 0.91",
      edit: (text) => replaceFirst(text, 'version="2.0"', 'version="0.91"'),
      mentions: "Element rss failed to validate attributes",
    },
    {
      fault: "atom:link without href",
      edit: (text) => replaceFirst(text, 'href="https://news.example.com/rss.xml" ', ""),
      mentions: "Element link failed to validate attributes",
    },
    {
      fault: "image without url",
      edit: (text) => replaceFirst(text, /<url>[^<]*<\/url>/, ""),
      mentions: "image",
    },
    {
      fault: "image wider than 144",
      edit: (text) => insertAfter(text, "<image>", "<width>200</width>"),
      mentions: "/rss/channel/image",
    },
    {
      fault: "skipDays with an unknown day",
      edit: (text) => insertAfter(text, "<channel>", "<skipDays><day>Funday</day></skipDays>"),
      mentions: "/rss/channel/skipDays",
    },
    {
      fault: "an unescaped ampersand (not well-formed)",
      edit: (text) => replaceFirst(text, "Example News &amp; Views", "Example News & Views"),
      mentions: "EntityRef",
    },
    {
      fault: "a missing end tag (not well-formed)",
      edit: (text) => replaceFirst(text, "</channel>", ""),
      mentions: "channel",
    },
    {
      fault: "an encoding declaration other than UTF-8",
      edit: (text) => replaceFirst(text, 'encoding="UTF-8"', 'encoding="ISO-8859-1"'),
      mentions: "ISO-8859-1",
    },
  ])("rejects $fault", ({ edit, mentions }) => {
    const messages = messagesOf(edit(validRss()));
    expect(messages).not.toEqual([]);
    expect(messages.join("\n")).toContain(mentions);
  });

  it("places a duplicate guid at its line and names the first one", () => {
    const text = replaceFirst(
      validRss(),
      "tag:news.example.com,2026:article/2<",
      "tag:news.example.com,2026:article/3<",
    );
    const lines = text.split("\n");
    const firstLine = lines.findIndex((line) => line.includes("article/3<")) + 1;
    const repeatLine =
      lines.findIndex((line, index) => index >= firstLine && line.includes("article/3<")) + 1;
    expect(validateFeedText("rss", text)).toEqual([
      {
        line: repeatLine,
        message: `duplicate guid "tag:news.example.com,2026:article/3" (first on line ${firstLine})`,
      },
    ]);
  });
});
