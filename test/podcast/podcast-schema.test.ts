// The RSS grammar and rules cover every podcast element wirefeed writes: the podcast feed's output
// passes, and each rule Apple states (and the Podcasting 2.0 tags' own) is enforced.
import { describe, expect, it } from "vitest";
import { renderAtom } from "../../src/formats/atom.js";
import { renderJsonFeed } from "../../src/formats/jsonfeed.js";
import { renderRss } from "../../src/formats/rss.js";
import type { Feed, FeedItem, PodcastChannel } from "../../src/model.js";
import { validateFeedText } from "../../src/validate/index.js";
import { insertAfter, replaceEvery, replaceFirst } from "../validate/edit-text.js";
import { sampleFeed, sampleItems } from "../validate/sample-feed.js";

const site = "https://news.example.com";

function podcastChannel(): PodcastChannel {
  return {
    guid: "917393e3-1b1e-5cef-ace4-edaa54e1f810",
    author: "Example News",
    owner: { name: "Ana Ruiz", email: "podcast@news.example.com" },
    image: `${site}/artwork/cover-3000.jpg`,
    categories: [{ name: "News", subcategory: "Daily News" }, { name: "Society & Culture" }],
    explicit: false,
    type: "episodic",
    locked: true,
    funding: [{ url: `${site}/support`, text: "Support the show" }],
    persons: [
      {
        name: "Ana Ruiz",
        role: "host",
        group: "cast",
        href: `${site}/ana`,
        img: `${site}/ana.jpg`,
      },
    ],
  };
}

/** The sample items as episodes: every episode field on the first, an enclosure on each. */
function episodeItems(): FeedItem[] {
  return sampleItems().map((item, index) => ({
    ...item,
    episode:
      index === 0
        ? {
            enclosure: {
              url: `${site}/media/0123456789abcdef/ep3.mp3`,
              type: "audio/mpeg",
              length: 12_345,
              durationSeconds: 1834,
            },
            number: 3,
            season: 1,
            episodeType: "full",
            explicit: true,
            image: `${site}/artwork/ep3.jpg`,
            transcripts: [
              {
                url: `${site}/transcripts/ep3.vtt`,
                type: "text/vtt",
                language: "en",
                rel: "captions",
              },
            ],
            chapters: { url: `${site}/chapters/ep3.json`, type: "application/json+chapters" },
          }
        : {
            enclosure: {
              url: `https://cdn.example.com/ep${index}.m4a`,
              type: "audio/x-m4a",
              length: 99,
            },
            transcripts: [],
          },
  }));
}

function podcastFeed(changes: Partial<PodcastChannel> = {}): Feed {
  return { ...sampleFeed(episodeItems()), podcast: { ...podcastChannel(), ...changes } };
}

function validPodcastRss(): string {
  return renderRss(podcastFeed());
}

function messagesOf(text: string): string[] {
  return validateFeedText("rss", text).map((problem) => problem.message);
}

describe("the podcast feed's grammar", () => {
  it("writes an episode the podcast feed wrote before without its itunes: elements in a plain feed", () => {
    const podcast = podcastFeed();
    const plain: Feed = { ...sampleFeed(podcast.items) };
    const fresh = (feed: Feed) =>
      renderRss({ ...feed, items: feed.items.map((item) => ({ ...item })) });
    const podcastText = renderRss(podcast);
    expect(podcastText).toContain("<itunes:duration>");
    const plainText = renderRss(plain);
    expect(plainText).not.toContain("itunes:");
    expect(plainText).toBe(fresh(plain));
    expect(renderRss(podcast)).toBe(fresh(podcast));
  });

  it("accepts the renderer's podcast feed, with every element wirefeed writes", () => {
    const text = validPodcastRss();
    for (const element of [
      "itunes:image",
      "itunes:category",
      "itunes:explicit",
      "itunes:author",
      "itunes:owner",
      "itunes:type",
      "itunes:duration",
      "itunes:episode",
      "itunes:season",
      "itunes:episodeType",
      "podcast:guid",
      "podcast:locked",
      "podcast:funding",
      "podcast:person",
      "podcast:transcript",
      "podcast:chapters",
      "enclosure",
    ])
      expect(text).toContain(`<${element}`);
    expect(validateFeedText("rss", text)).toEqual([]);
  });

  it("accepts a serial show, Apple's optional tags, and [HH:]MM:SS durations", () => {
    let text = renderRss(podcastFeed({ type: "serial" }));
    text = replaceEvery(text, /<itunes:episode>3<\/itunes:episode>/, "");
    text = replaceEvery(text, "<item>", "<item><itunes:episode>7</itunes:episode>");
    text = insertAfter(
      text,
      "<channel>",
      "<itunes:title>Daily</itunes:title><itunes:block>Yes</itunes:block><itunes:complete>Yes</itunes:complete><itunes:new-feed-url>https://news.example.com/podcast.xml</itunes:new-feed-url>",
    );
    text = replaceFirst(
      text,
      "<itunes:duration>1834</itunes:duration>",
      "<itunes:duration>1:30:34</itunes:duration>",
    );
    expect(validateFeedText("rss", text)).toEqual([]);
  });

  it("accepts the podcast elements in any order", () => {
    const text = validPodcastRss();
    // Every line of the first item, and the channel's podcast lines, in reverse order.
    const reversed = text
      .replace(
        /(<item>\n)([\s\S]*?)(\n\s*<\/item>)/,
        (_all, open: string, body: string, close: string) =>
          `${open}${body.split("\n").reverse().join("\n")}${close}`,
      )
      .replace(
        /(<itunes:type>[^<]*<\/itunes:type>\n)([\s\S]*?)(\n\s*<item>)/,
        (_all, first: string, body: string, next: string) =>
          `${body.split("\n").reverse().join("\n")}\n${first}${next}`,
      );
    expect(reversed).not.toBe(text);
    expect(validateFeedText("rss", reversed)).toEqual([]);
  });

  it("keeps the main feeds free of podcast namespaces: only the enclosure goes there", () => {
    const feed = sampleFeed(episodeItems());
    const rss = renderRss(feed);
    expect(rss).not.toContain("itunes");
    expect(rss).not.toContain("podcastindex");
    expect(rss).toContain(
      '<enclosure url="https://news.example.com/media/0123456789abcdef/ep3.mp3" length="12345" type="audio/mpeg"/>',
    );
    expect(validateFeedText("rss", rss)).toEqual([]);
    const atom = renderAtom(feed);
    expect(atom).toContain(
      '<link rel="enclosure" type="audio/mpeg" length="12345" href="https://news.example.com/media/0123456789abcdef/ep3.mp3"/>',
    );
    expect(validateFeedText("atom", atom)).toEqual([]);
    const json = renderJsonFeed(feed);
    expect(
      (JSON.parse(json) as { items: Array<{ attachments?: unknown }> }).items[0]?.attachments,
    ).toEqual([
      {
        url: "https://news.example.com/media/0123456789abcdef/ep3.mp3",
        mime_type: "audio/mpeg",
        size_in_bytes: 12_345,
        duration_in_seconds: 1834,
      },
    ]);
    expect(validateFeedText("json", json)).toEqual([]);
  });

  it.each<{ fault: string; edit: (text: string) => string; mentions: string }>([
    {
      fault: 'channel itunes:explicit "yes" (Apple: true or false)',
      edit: (text) =>
        replaceFirst(
          text,
          "<itunes:explicit>false</itunes:explicit>",
          "<itunes:explicit>yes</itunes:explicit>",
        ),
      mentions: "explicit",
    },
    {
      fault: 'episode itunes:explicit "clean"',
      edit: (text) =>
        replaceFirst(
          text,
          "<itunes:explicit>true</itunes:explicit>",
          "<itunes:explicit>clean</itunes:explicit>",
        ),
      mentions: "explicit",
    },
    {
      fault: "itunes:episode 0 (Apple: a non-zero integer)",
      edit: (text) =>
        replaceFirst(
          text,
          "<itunes:episode>3</itunes:episode>",
          "<itunes:episode>0</itunes:episode>",
        ),
      mentions: "episode",
    },
    {
      fault: "itunes:season -2",
      edit: (text) =>
        replaceFirst(text, "<itunes:season>1</itunes:season>", "<itunes:season>-2</itunes:season>"),
      mentions: "season",
    },
    {
      fault: "itunes:episode that is not a number",
      edit: (text) =>
        replaceFirst(
          text,
          "<itunes:episode>3</itunes:episode>",
          "<itunes:episode>three</itunes:episode>",
        ),
      mentions: "episode",
    },
    {
      fault: "an unknown itunes:episodeType",
      edit: (text) =>
        replaceFirst(
          text,
          "<itunes:episodeType>full</itunes:episodeType>",
          "<itunes:episodeType>preview</itunes:episodeType>",
        ),
      mentions: "episodeType",
    },
    {
      fault: "an enclosure without length",
      edit: (text) => replaceFirst(text, ' length="12345"', ""),
      mentions: "enclosure",
    },
    {
      fault: "an enclosure without type",
      edit: (text) => replaceFirst(text, ' type="audio/mpeg"', ""),
      mentions: "enclosure",
    },
    {
      fault: "an enclosure that is not http(s)",
      edit: (text) =>
        replaceFirst(text, "https://cdn.example.com/ep1.m4a", "ftp://cdn.example.com/ep1.m4a"),
      mentions: "enclosure",
    },
    {
      fault: "two enclosures in one item",
      edit: (text) =>
        insertAfter(
          text,
          "<item>",
          '<enclosure url="https://cdn.example.com/x.mp3" length="1" type="audio/mpeg"/>',
        ),
      mentions: "item",
    },
    {
      fault: "an episode without an enclosure in a podcast",
      edit: (text) =>
        replaceFirst(text, /<enclosure url="https:\/\/cdn.example.com\/ep1.m4a"[^>]*\/>/, ""),
      mentions: "a podcast episode needs an <enclosure>",
    },
    {
      fault: "a serial show with an unnumbered episode",
      edit: (text) =>
        replaceFirst(
          text,
          "<itunes:type>episodic</itunes:type>",
          "<itunes:type>serial</itunes:type>",
        ),
      mentions: "itunes:episode is missing",
    },
    {
      fault: "an itunes:type other than episodic or serial",
      edit: (text) =>
        replaceFirst(
          text,
          "<itunes:type>episodic</itunes:type>",
          "<itunes:type>daily</itunes:type>",
        ),
      mentions: "type",
    },
    {
      fault: "a podcast channel without itunes:image",
      edit: (text) =>
        replaceFirst(
          text,
          '<itunes:image href="https://news.example.com/artwork/cover-3000.jpg"/>',
          "",
        ),
      mentions: "channel",
    },
    {
      fault: "a podcast channel without itunes:category",
      edit: (text) =>
        replaceFirst(
          text,
          /<itunes:category text="News">[\s\S]*?<\/itunes:category>\s*<itunes:category text="Society &amp; Culture"\/>/,
          "",
        ),
      mentions: "channel",
    },
    {
      fault: "a podcast channel without itunes:explicit",
      edit: (text) => replaceFirst(text, "<itunes:explicit>false</itunes:explicit>", ""),
      mentions: "channel",
    },
    {
      fault: "a category not on Apple's list",
      edit: (text) => replaceFirst(text, 'text="Society &amp; Culture"', 'text="Society"'),
      mentions: "category",
    },
    {
      fault: "a subcategory of another category",
      edit: (text) => replaceFirst(text, 'text="Daily News"', 'text="Stand-Up"'),
      mentions: "category",
    },
    {
      fault: "itunes:owner without an email",
      edit: (text) =>
        replaceFirst(text, "<itunes:email>podcast@news.example.com</itunes:email>", ""),
      mentions: "owner",
    },
    {
      fault: "an itunes:image that is not http(s)",
      edit: (text) =>
        replaceFirst(
          text,
          "https://news.example.com/artwork/ep3.jpg",
          "data:image/jpeg;base64,AAAA",
        ),
      mentions: "image",
    },
    {
      fault: "an itunes:duration that is not seconds or [HH:]MM:SS",
      edit: (text) =>
        replaceFirst(
          text,
          "<itunes:duration>1834</itunes:duration>",
          "<itunes:duration>30 min</itunes:duration>",
        ),
      mentions: "duration",
    },
    {
      fault: "a podcast:guid that is no UUID",
      edit: (text) => replaceFirst(text, "917393e3-1b1e-5cef-ace4-edaa54e1f810", "podnews.net/rss"),
      mentions: "guid",
    },
    {
      fault: 'podcast:locked "true" (yes or no)',
      edit: (text) => replaceFirst(text, ">yes</podcast:locked>", ">true</podcast:locked>"),
      mentions: "locked",
    },
    {
      fault: "a podcast:funding label over 128 characters",
      edit: (text) => replaceFirst(text, ">Support the show<", `>${"x".repeat(129)}<`),
      mentions: "funding",
    },
    {
      fault: "a podcast:person without a name",
      edit: (text) => replaceFirst(text, ">Ana Ruiz</podcast:person>", "></podcast:person>"),
      mentions: "person",
    },
    {
      fault: "a podcast:transcript without a type",
      edit: (text) => replaceFirst(text, ' type="text/vtt"', ""),
      mentions: "transcript",
    },
    {
      fault: 'a podcast:transcript rel other than "captions"',
      edit: (text) => replaceFirst(text, 'rel="captions"', 'rel="subtitles"'),
      mentions: "transcript",
    },
    {
      fault: "a podcast:chapters without a url",
      edit: (text) => replaceFirst(text, ' url="https://news.example.com/chapters/ep3.json"', ""),
      mentions: "chapters",
    },
    {
      fault: "an itunes element Apple has retired (itunes:summary)",
      edit: (text) => insertAfter(text, "<channel>", "<itunes:summary>Old</itunes:summary>"),
      mentions: "summary",
    },
    {
      fault: "a podcast:guid in an item",
      edit: (text) =>
        insertAfter(
          text,
          "<item>",
          "<podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>",
        ),
      mentions: "guid",
    },
  ])("rejects $fault", ({ edit, mentions }) => {
    const messages = messagesOf(edit(validPodcastRss()));
    expect(messages).not.toEqual([]);
    expect(messages.join("\n")).toContain(mentions);
  });
});
