// Episodes whose media file is in the media folder: size, type, playing time and a content hash
// are read from the file; what the front matter says about it must agree.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEpisodeMedia } from "../../src/articles/episode-media.js";
import { loadArticles } from "../../src/articles/load.js";
import { parseArticle } from "../../src/articles/parse.js";
import { MediaFolder } from "../../src/media/media-folder.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { makeMediaDir, wavBytes } from "../support/wav.js";

const options = { idPrefix: "tag:news.example.com,2026:article/" };

function episode(enclosure: Record<string, unknown>) {
  return parseArticle(
    "ep1.md",
    markdownArticle({ title: "Episode 1", published: "2026-03-01T08:00:00Z", enclosure }),
    options,
  );
}

describe("the media folder", () => {
  it("reads a generated WAV's size, type, playing time and content hash", async () => {
    const bytes = wavBytes({ seconds: 3 });
    const dir = await makeMediaDir({ "ep 1.wav": bytes });
    const file = await new MediaFolder(dir).read("ep 1.wav");
    expect(file).toMatchObject({
      name: "ep 1.wav",
      path: path.join(dir, "ep 1.wav"),
      size: 44 + 3 * 8000,
      type: "audio/wav",
      durationSeconds: 3,
      version: createHash("sha256").update(bytes).digest("hex").slice(0, 16),
    });
  });

  it("reads a replaced file again: new bytes, new version", async () => {
    const dir = await makeMediaDir({ "ep.wav": wavBytes({ seconds: 1 }) });
    const media = new MediaFolder(dir);
    const before = await media.read("ep.wav");
    expect(await media.read("ep.wav")).toBe(before);
    await writeFile(path.join(dir, "ep.wav"), wavBytes({ seconds: 2, frequency: 220 }));
    const after = await media.read("ep.wav");
    expect(after.version).not.toBe(before.version);
    expect(after.durationSeconds).toBe(2);
  });

  it.each([
    { name: "missing.mp3", reason: "missing.mp3: no such file in the media folder" },
    { name: "notes.txt", reason: 'cannot tell the media type of "notes.txt"; use one of .mp3, ' },
    { name: "../etc/passwd", reason: "not a file name inside the media folder" },
    { name: ".hidden.mp3", reason: "not a file name inside the media folder" },
  ])("refuses $name", async ({ name, reason }) => {
    const dir = await makeMediaDir({ "notes.txt": Buffer.from("x") });
    await expect(new MediaFolder(dir).read(name)).rejects.toThrow(reason);
  });
});

describe("an episode's media file", () => {
  it("gives the enclosure its versioned /media/ URL, type, length and duration", async () => {
    const bytes = wavBytes({ seconds: 2 });
    const media = new MediaFolder(await makeMediaDir({ "ep 1.wav": bytes }));
    const version = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    const article = await readEpisodeMedia(episode({ file: "ep 1.wav" }), media);
    expect(article.episode?.enclosure).toEqual({
      url: `/media/${version}/ep%201.${version}.wav`,
      type: "audio/wav",
      length: bytes.length,
      durationSeconds: 2,
    });
    expect(article.episode?.mediaFile).toEqual({ file: "ep 1.wav" });
  });

  it("accepts what the front matter says when it agrees with the file", async () => {
    const bytes = wavBytes({ seconds: 2 });
    const media = new MediaFolder(await makeMediaDir({ "ep.wav": bytes }));
    const article = await readEpisodeMedia(
      episode({ file: "ep.wav", length: bytes.length, type: "audio/wav", duration: 2.4 }),
      media,
    );
    expect(article.episode?.enclosure?.length).toBe(bytes.length);
  });

  it("refuses a length, type or duration that disagrees with the file, naming the article and field", async () => {
    const bytes = wavBytes({ seconds: 2 });
    const media = new MediaFolder(await makeMediaDir({ "ep.wav": bytes }));
    const read = readEpisodeMedia(
      episode({ file: "ep.wav", length: 1234, type: "audio/mpeg", duration: 60 }),
      media,
    );
    await expect(read).rejects.toMatchObject({
      file: "ep1.md",
      problems: [
        `enclosure.length: 1234 bytes given, but ep.wav in the media folder has ${bytes.length} bytes`,
        'enclosure.type: "audio/mpeg" given, but ep.wav is audio/wav (from its extension)',
        "enclosure.duration: 60 s given, but ep.wav plays for 2 s",
      ],
    });
    await expect(read).rejects.toThrow(/^ep1\.md: enclosure\.length: 1234 bytes given/);
  });

  it("is a problem of the article when the file is missing or no media folder is configured", async () => {
    const media = new MediaFolder(await makeMediaDir({}));
    await expect(readEpisodeMedia(episode({ file: "ep.mp3" }), media)).rejects.toThrow(
      "ep1.md: enclosure.file: ep.mp3: no such file in the media folder",
    );
    await expect(readEpisodeMedia(episode({ file: "ep.mp3" }), undefined)).rejects.toThrow(
      "ep1.md: enclosure.file: no media folder is configured to read ep.mp3 from (MEDIA_DIR)",
    );
  });

  it("is read when the folder is loaded: a bad episode is skipped with its reason, the rest load", async () => {
    const bytes = wavBytes({ seconds: 1 });
    const media = new MediaFolder(await makeMediaDir({ "ep.wav": bytes }));
    const dir = await makeArticlesDir({
      "good.md": markdownArticle({
        title: "Good",
        published: "2026-03-01T08:00:00Z",
        enclosure: { file: "ep.wav" },
      }),
      "bad.md": markdownArticle({
        title: "Bad",
        published: "2026-03-02T08:00:00Z",
        enclosure: { file: "ep.wav", length: 7 },
      }),
      "plain.md": markdownArticle({ title: "Plain", published: "2026-03-03T08:00:00Z" }),
    });
    const loaded = await loadArticles(dir, { ...options, media });
    expect(loaded.articles.map((article) => article.title)).toEqual(["Plain", "Good"]);
    expect(loaded.articles[1]?.episode?.enclosure?.length).toBe(bytes.length);
    expect(loaded.problems).toEqual([
      {
        file: "bad.md",
        message: `enclosure.length: 7 bytes given, but ep.wav in the media folder has ${bytes.length} bytes`,
      },
    ]);
  });
});
