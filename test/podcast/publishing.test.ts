// Episodes through the other ways in and out: the publishing API reads the media file as the
// store does, and npm run export copies the media files to their versioned paths (and to the
// paths older feeds named).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, onTestFinished } from "vitest";
import { makeArticlesDir, repoRoot } from "../support/articles-dir.js";
import { episodeFixture, podcastBlock, startPodcastServer } from "../support/podcast-site.js";
import { makeMediaDir } from "../support/wav.js";
import { xmlTexts } from "../support/xml.js";

const token = "test-token-0123456789abcdef0123";
const ep1Version = createHash("sha256").update(episodeFixture.ep1).digest("hex").slice(0, 16);
const run = promisify(execFile);

describe("the publishing API with episodes", () => {
  it("publishes an episode whose file is in the media folder, and refuses a wrong length (422)", async () => {
    const { baseUrl, articlesDir } = await startPodcastServer({ apiToken: token });
    const post = (fields: Record<string, unknown>) =>
      fetch(`${baseUrl}/api/articles`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ published: "2026-03-04T06:00:00Z", body: "Read aloud.", ...fields }),
      });
    const before = (await readdir(articlesDir)).sort();
    const refused = await post({
      title: "Wrong size",
      enclosure: { file: "ep1.wav", length: 10 },
    });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: "The article is not valid",
      problems: [
        `enclosure.length: 10 bytes given, but ep1.wav in the media folder has ${episodeFixture.ep1.length} bytes`,
      ],
    });
    expect((await readdir(articlesDir)).sort()).toEqual(before);

    const created = await post({ title: "Rerun", enclosure: { file: "ep1.wav" }, episode: 2 });
    expect(created.status).toBe(201);
    const xml = await (await fetch(`${baseUrl}/podcast.xml`)).text();
    expect(xmlTexts(xml, "/rss/channel/item[1]/title")).toEqual(["Rerun"]);
    expect(xmlTexts(xml, "/rss/channel/item[1]/enclosure/@url")).toEqual([
      `${baseUrl}/media/${ep1Version}/ep1.${ep1Version}.wav`,
    ]);
    expect(xmlTexts(xml, "/rss/channel/item[1]/itunes:episode")).toEqual(["2"]);
  });
});

describe("npm run export with a podcast", () => {
  it("writes /podcast.xml and each episode's media file at its versioned path, with its headers", async () => {
    const articlesDir = await makeArticlesDir(episodeFixture.articles());
    const mediaDir = await makeMediaDir({ "ep1.wav": episodeFixture.ep1 });
    const outDir = await mkdtemp(path.join(tmpdir(), "wirefeed-export-"));
    onTestFinished(() => rm(outDir, { recursive: true, force: true }));
    const siteConfig = path.join(outDir, "..", `${path.basename(outDir)}-site.json`);
    onTestFinished(() => rm(siteConfig, { force: true }));
    const site = JSON.parse(await readFile(path.join(repoRoot, "site.json"), "utf8")) as object;
    await writeFile(siteConfig, JSON.stringify({ ...site, podcast: podcastBlock() }));
    await run(process.execPath, ["--import", "tsx", "src/cli/wirefeed.ts", "export", outDir], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ARTICLES_DIR: articlesDir,
        MEDIA_DIR: mediaDir,
        SITE_CONFIG: siteConfig,
        SITE_URL: "https://news.example.com",
      },
    });
    const manifest = JSON.parse(
      await readFile(path.join(outDir, "headers.json"), "utf8"),
    ) as Record<string, { file: string; headers: Record<string, string> }>;
    const podcast = await readFile(path.join(outDir, "podcast.xml"), "utf8");
    const mediaPath = `/media/${ep1Version}/ep1.${ep1Version}.wav`;
    expect(xmlTexts(podcast, "/rss/channel/item[1]/enclosure/@url")).toEqual([
      `https://news.example.com${mediaPath}`,
    ]);
    expect(manifest[mediaPath]).toMatchObject({
      file: path.join("media", ep1Version, `ep1.${ep1Version}.wav`),
      headers: {
        "Content-Type": "audio/wav",
        ETag: `"${ep1Version}"`,
        "Cache-Control": "public, max-age=31536000, immutable",
        "Accept-Ranges": "bytes",
      },
    });
    expect(
      (await readFile(path.join(outDir, "media", ep1Version, `ep1.${ep1Version}.wav`))).equals(
        episodeFixture.ep1,
      ),
    ).toBe(true);
    // The URL form older feeds wrote, which the server still answers, is exported too.
    const formerPath = `/media/${ep1Version}/ep1.wav`;
    expect(manifest[formerPath]).toEqual({
      file: path.join("media", ep1Version, "ep1.wav"),
      headers: manifest[mediaPath]?.headers,
    });
    expect(
      (await readFile(path.join(outDir, "media", ep1Version, "ep1.wav"))).equals(
        episodeFixture.ep1,
      ),
    ).toBe(true);
  });
});
