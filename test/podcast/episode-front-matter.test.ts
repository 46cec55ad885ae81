// An article with an enclosure is an episode: what the front matter may say, and what it may not.
import { describe, expect, it } from "vitest";
import { ArticleError, parseArticle } from "../../src/articles/parse.js";
import { markdownArticle } from "../support/articles-dir.js";

const options = { idPrefix: "tag:news.example.com,2026:article/" };

function parseEpisode(meta: Record<string, unknown>) {
  return parseArticle(
    "episode.md",
    markdownArticle({ title: "Episode", published: "2026-03-01T08:00:00Z", ...meta }),
    options,
  );
}

function problemsOf(meta: Record<string, unknown>): string[] {
  try {
    parseEpisode(meta);
  } catch (error) {
    if (error instanceof ArticleError) return error.problems;
    throw error;
  }
  throw new Error("the article was accepted");
}

describe("episode front matter", () => {
  it("reads a file elsewhere with every episode field", () => {
    const article = parseEpisode({
      enclosure: {
        url: "https://cdn.example.com/ep1.mp3",
        type: "audio/mpeg",
        length: 12_345,
        duration: 61.4,
      },
      episode: 3,
      season: 2,
      episodeType: "bonus",
      explicit: true,
      transcript: [
        { url: "/transcripts/ep1.vtt", type: "text/vtt", language: "en", rel: "captions" },
        { url: "https://cdn.example.com/ep1.html", type: "text/html" },
      ],
      chapters: "/chapters/ep1.json",
    });
    expect(article.episode).toEqual({
      enclosure: {
        url: "https://cdn.example.com/ep1.mp3",
        type: "audio/mpeg",
        length: 12_345,
        durationSeconds: 61,
      },
      number: 3,
      season: 2,
      episodeType: "bonus",
      explicit: true,
      transcripts: [
        { url: "/transcripts/ep1.vtt", type: "text/vtt", language: "en", rel: "captions" },
        { url: "https://cdn.example.com/ep1.html", type: "text/html" },
      ],
      chapters: { url: "/chapters/ep1.json", type: "application/json+chapters" },
    });
  });

  it("names a media-folder file, to be read by the store", () => {
    const article = parseEpisode({ enclosure: { file: "ep 1.wav", length: 8044 } });
    expect(article.episode).toEqual({
      mediaFile: { file: "ep 1.wav", length: 8044 },
      transcripts: [],
    });
  });

  it("leaves an article without an enclosure as it was", () => {
    expect(parseEpisode({}).episode).toBeUndefined();
  });

  it.each<{ fault: string; meta: Record<string, unknown>; problems: string[] }>([
    {
      fault: 'explicit "yes" (Apple takes true or false)',
      meta: { enclosure: { file: "a.mp3" }, explicit: "yes" },
      problems: ["explicit: expected boolean"],
    },
    {
      fault: "episode 0 (Apple: a non-zero number)",
      meta: { enclosure: { file: "a.mp3" }, episode: 0 },
      problems: ["episode: expected a whole number from 1 up"],
    },
    {
      fault: "season -1 and episode 1.5",
      meta: { enclosure: { file: "a.mp3" }, season: -1, episode: 1.5 },
      problems: ["episode: expected int, got number", "season: expected a whole number from 1 up"],
    },
    {
      fault: "an unknown episode type",
      meta: { enclosure: { file: "a.mp3" }, episodeType: "preview" },
      problems: ["episodeType: expected full, trailer or bonus"],
    },
    {
      fault: "a file elsewhere without length and type",
      meta: { enclosure: { url: "https://cdn.example.com/a.mp3" } },
      problems: [
        "enclosure.type: required with url: the media type, such as audio/mpeg",
        "enclosure.length: required with url: the size of the file in bytes",
      ],
    },
    {
      fault: "a length of 0",
      meta: { enclosure: { url: "https://cdn.example.com/a.mp3", type: "audio/mpeg", length: 0 } },
      problems: ["enclosure.length: expected the size of the file in bytes"],
    },
    {
      fault: "a type that is not audio or video",
      meta: { enclosure: { url: "https://cdn.example.com/a.pdf", type: "text/html", length: 3 } },
      problems: ["enclosure.type: expected an audio or video media type such as audio/mpeg"],
    },
    {
      fault: "both url and file",
      meta: { enclosure: { url: "https://cdn.example.com/a.mp3", file: "a.mp3" } },
      problems: [
        "enclosure: give either url (a file elsewhere) or file (a file in the media folder), not both",
      ],
    },
    {
      fault: "neither url nor file",
      meta: { enclosure: { type: "audio/mpeg", length: 3 } },
      problems: [
        "enclosure: give either url (a file elsewhere) or file (a file in the media folder)",
      ],
    },
    {
      fault: "a file outside the media folder",
      meta: { enclosure: { file: "../secrets/a.mp3" } },
      problems: [
        "enclosure.file: expected the name of a file in the media folder, such as episode-1.mp3 (no folders)",
      ],
    },
    {
      fault: "an ftp URL",
      meta: { enclosure: { url: "ftp://cdn.example.com/a.mp3", type: "audio/mpeg", length: 3 } },
      problems: ["enclosure.url: expected an absolute http(s) URL"],
    },
    {
      fault: "a transcript without a type",
      meta: { enclosure: { file: "a.mp3" }, transcript: { url: "/a.vtt" } },
      problems: ["transcript: expected { url, type, language?, rel? }, or a list of these"],
    },
    {
      fault: "episode fields on an article without an enclosure",
      meta: { episode: 2, chapters: "/c.json" },
      problems: [
        "episode: only an episode has this: give the article an enclosure",
        "chapters: only an episode has this: give the article an enclosure",
      ],
    },
    {
      fault: "a misspelt enclosure key",
      meta: { enclosure: { file: "a.mp3", lenght: 3 } },
      problems: ['enclosure: unknown key "lenght"'],
    },
  ])("refuses $fault, naming the field", ({ meta, problems }) => {
    expect(problemsOf(meta)).toEqual(problems);
  });
});
