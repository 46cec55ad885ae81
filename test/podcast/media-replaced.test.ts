// A media file replaced or overwritten while podcast apps request it: a versioned URL only ever
// answers the bytes it was named after (with their ETag), or 404; a download under way keeps
// getting the version it started with. Real server, real files, writes racing the requests.
import { createHash } from "node:crypto";
import { open, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { type IncomingMessage, request } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MediaCopies } from "../../src/media/media-copies.js";
import { MediaFolder } from "../../src/media/media-folder.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { testPodcastSite } from "../support/podcast-site.js";
import { startTestServer } from "../support/server.js";
import { makeMediaDir, wavBytes } from "../support/wav.js";

// 16 MB: more than the socket buffers hold, so a paused download is still under way.
const original = wavBytes({ seconds: 2_000, frequency: 440 });
const replacement = wavBytes({ seconds: 2_000, frequency: 220 });
const versionOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

async function mediaServer() {
  const articlesDir = await makeArticlesDir({
    "ep.md": markdownArticle({
      title: "A long episode",
      published: "2026-03-02T06:00:00Z",
      enclosure: { file: "ep.wav" },
    }),
  });
  const mediaDir = await makeMediaDir({ "ep.wav": original });
  const server = await startTestServer(articlesDir, { site: testPodcastSite(), mediaDir });
  const oldUrl = `${server.baseUrl}/media/${versionOf(original)}/ep.wav`;
  return { ...server, mediaDir, file: path.join(mediaDir, "ep.wav"), oldUrl };
}

/** Starts a GET and pauses it once the first bytes are in; `finish` reads the rest. */
function startDownload(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ response: IncomingMessage; finish: () => Promise<Buffer> }>(
    (resolve, reject) => {
      const req = request(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        const ended = new Promise<Buffer>((done, fail) => {
          response.on("end", () => done(Buffer.concat(chunks)));
          response.on("error", fail);
          response.on("aborted", () => fail(new Error("download aborted")));
        });
        response.once("data", (chunk: Buffer) => {
          chunks.push(chunk);
          response.pause();
          response.on("data", (more: Buffer) => chunks.push(more));
          resolve({
            response,
            finish: () => {
              response.resume();
              return ended;
            },
          });
        });
      });
      req.on("error", reject);
      req.end();
    },
  );
}

/** Overwrites the file in place, a chunk at a time, without truncating or renaming it. */
async function overwriteInPlace(file: string, bytes: Buffer, chunkSize = 1 << 20): Promise<void> {
  const handle = await open(file, "r+");
  try {
    for (let offset = 0; offset < bytes.length; offset += chunkSize) {
      await handle.write(bytes, offset, Math.min(chunkSize, bytes.length - offset), offset);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await handle.close();
  }
}

describe("a media file changed while it is requested", () => {
  it("overwritten in place during a download: the download gets the old version whole, not a mix", async () => {
    const { oldUrl, file } = await mediaServer();
    const download = await startDownload(oldUrl);
    expect(download.response.statusCode).toBe(200);
    expect(download.response.headers.etag).toBe(`"${versionOf(original)}"`);
    await overwriteInPlace(file, replacement);
    const body = await download.finish();
    expect(body.length).toBe(original.length);
    expect(versionOf(body)).toBe(versionOf(original));
  });

  it("replaced by a rename during a ranged download: the range is of the old version", async () => {
    const { oldUrl, file, mediaDir } = await mediaServer();
    const start = 1_000_000;
    const download = await startDownload(oldUrl, { range: `bytes=${start}-` });
    expect(download.response.statusCode).toBe(206);
    const temporary = path.join(mediaDir, ".ep.wav.new");
    await writeFile(temporary, replacement);
    await rename(temporary, file);
    const body = await download.finish();
    expect(body.equals(original.subarray(start))).toBe(true);
  });

  it("the old URL answers the old bytes with the old ETag or 404, never new bytes, while the file is rewritten", async () => {
    const { oldUrl, file, baseUrl } = await mediaServer();
    const oldEtag = `"${versionOf(original)}"`;
    let writing = true;
    const seen = { ok: 0, notFound: 0 };
    const requests = (async () => {
      while (writing) {
        const response = await fetch(oldUrl, { headers: { range: "bytes=0-65535" } });
        if (response.status === 404) {
          seen.notFound += 1;
          await response.body?.cancel();
          continue;
        }
        expect(response.status).toBe(206);
        expect(response.headers.get("etag")).toBe(oldEtag);
        expect(response.headers.get("cache-control")).toContain("immutable");
        const body = Buffer.from(await response.arrayBuffer());
        expect(body.equals(original.subarray(0, 65_536))).toBe(true);
        seen.ok += 1;
      }
    })();
    // The new bytes differ from the first chunk on; the writer goes slowly so requests interleave.
    await overwriteInPlace(file, replacement, 256 * 1024);
    writing = false;
    await requests;
    expect(seen.ok + seen.notFound).toBeGreaterThan(0);
    const after = await fetch(oldUrl);
    expect(after.status).toBe(404);
    await after.body?.cancel();
    const fresh = await fetch(`${baseUrl}/media/${versionOf(replacement)}/ep.wav`, {
      headers: { range: "bytes=0-65535" },
    });
    expect(fresh.status).toBe(206);
    expect(Buffer.from(await fresh.arrayBuffer()).equals(replacement.subarray(0, 65_536))).toBe(
      true,
    );
  });
});

describe("the media copies", () => {
  it("refuse a version the file no longer holds, and keep one copy per name", async () => {
    const mediaDir = await makeMediaDir({ "ep.wav": original });
    const copiesDir = await makeMediaDir({});
    const folder = new MediaFolder(mediaDir);
    const copies = new MediaCopies(copiesDir);
    const first = await folder.read("ep.wav");
    expect(await copies.ensure(first)).toBe(true);
    const firstCopy = path.join(copiesDir, first.version, `ep.${first.version}.wav`);
    expect(versionOf(await readFile(firstCopy))).toBe(first.version);

    await overwriteInPlace(path.join(mediaDir, "ep.wav"), replacement);
    // Facts read before the overwrite name bytes the file no longer holds: no copy is made.
    const elsewhere = new MediaCopies(await makeMediaDir({}));
    expect(await elsewhere.ensure(first)).toBe(false);
    expect(await readdir(elsewhere.dir)).toEqual([]);

    const second = await folder.read("ep.wav");
    expect(second.version).toBe(versionOf(replacement));
    expect(await copies.ensure(second)).toBe(true);
    await expect(stat(firstCopy)).rejects.toThrow();
    expect(
      versionOf(await readFile(path.join(copiesDir, second.version, `ep.${second.version}.wav`))),
    ).toBe(second.version);
  });
});
