// The media folder through the real server, as podcast apps and Apple's crawler use it: byte
// ranges (AppleCoreMedia starts with bytes=0-1), HEAD, strong validators, immutable versioned URLs.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { episodeFixture, startPodcastServer } from "../support/podcast-site.js";
import { pollUntil } from "../support/poll.js";
import { wavBytes } from "../support/wav.js";
import { xmlTexts } from "../support/xml.js";

const bytes = episodeFixture.ep1;
const size = bytes.length;
const version = createHash("sha256").update(bytes).digest("hex").slice(0, 16);

async function mediaServer(options: { watch?: boolean } = {}) {
  const server = await startPodcastServer(options);
  return { ...server, url: `${server.baseUrl}/media/${version}/ep1.${version}.wav` };
}

async function bodyOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

/** A request sent as written: fetch() would normalise "..". */
function rawGet(baseUrl: string, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/`, { path: rawPath }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("media files", () => {
  it("are served whole with byte ranges offered, strong validators and a year's immutable caching", async () => {
    const { url } = await mediaServer();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "accept-ranges": "bytes",
      "content-type": "audio/wav",
      "content-length": String(size),
      etag: `"${version}"`,
      "cache-control": "public, max-age=31536000, immutable",
      "access-control-allow-origin": "*",
      "cross-origin-resource-policy": "cross-origin",
      "x-content-type-options": "nosniff",
    });
    expect(new Date(response.headers.get("last-modified") ?? "").getTime()).not.toBeNaN();
    expect((await bodyOf(response)).equals(bytes)).toBe(true);
  });

  it("answer HEAD with the same headers and no body", async () => {
    const { url } = await mediaServer();
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("accept-ranges")).toBe("bytes");
    expect(head.headers.get("content-length")).toBe(String(size));
    expect(head.headers.get("etag")).toBe(`"${version}"`);
    expect(head.headers.get("content-type")).toBe("audio/wav");
    expect((await bodyOf(head)).length).toBe(0);
  });

  it.each([
    { range: "bytes=0-1", start: 0, end: 1 },
    { range: "bytes=10-", start: 10, end: size - 1 },
    { range: "bytes=-5", start: size - 5, end: size - 1 },
  ])(
    "answer $range with 206, Content-Range and exactly those bytes",
    async ({ range, start, end }) => {
      const { url } = await mediaServer();
      const response = await fetch(url, { headers: { range } });
      expect(response.status).toBe(206);
      expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get("content-length")).toBe(String(end - start + 1));
      expect(response.headers.get("accept-ranges")).toBe("bytes");
      expect(response.headers.get("etag")).toBe(`"${version}"`);
      expect((await bodyOf(response)).equals(bytes.subarray(start, end + 1))).toBe(true);
    },
  );

  it.each([`bytes=-${size}`, `bytes=-${size + 1}`, `bytes=-${size * 1000}`, "bytes= -999999999"])(
    "answer a suffix range as long as the file or longer (%s) with the whole file, as RFC 9110 says",
    async (range) => {
      const { url } = await mediaServer();
      const response = await fetch(url, { headers: { range } });
      expect(response.status).toBe(206);
      expect(response.headers.get("content-range")).toBe(`bytes 0-${size - 1}/${size}`);
      expect(response.headers.get("content-length")).toBe(String(size));
      expect((await bodyOf(response)).equals(bytes)).toBe(true);
    },
  );

  it("answer a list of ranges with a long suffix in it with every byte asked for", async () => {
    const { url } = await mediaServer();
    const response = await fetch(url, { headers: { range: `bytes=0-1, -${size + 5}` } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 0-${size - 1}/${size}`);
    expect((await bodyOf(response)).equals(bytes)).toBe(true);
  });

  it.each([`bytes=${size}-`, `bytes=${size + 100}-${size + 200}`, "bytes=-0"])(
    "answer a range past the end (%s) with 416 and Content-Range: bytes */size",
    async (range) => {
      const { url } = await mediaServer();
      const response = await fetch(url, { headers: { range } });
      expect(response.status).toBe(416);
      expect(response.headers.get("content-range")).toBe(`bytes */${size}`);
      await response.body?.cancel();
    },
  );

  it("answer If-None-Match with 304, and If-Range with the range only while the ETag matches", async () => {
    const { url } = await mediaServer();
    const notModified = await fetch(url, { headers: { "if-none-match": `"${version}"` } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(`"${version}"`);
    const current = await fetch(url, {
      headers: { range: "bytes=0-1", "if-range": `"${version}"` },
    });
    expect(current.status).toBe(206);
    await current.body?.cancel();
    const stale = await fetch(url, { headers: { range: "bytes=0-1", "if-range": '"0000"' } });
    expect(stale.status).toBe(200);
    expect((await bodyOf(stale)).length).toBe(size);
  });

  it("answer 404 for another version, another file, hidden files and paths out of the folder", async () => {
    const { baseUrl, mediaDir } = await mediaServer();
    await writeFile(path.join(mediaDir, ".secret.wav"), bytes);
    for (const wrong of [
      `/media/0000000000000000/ep1.wav`,
      `/media/${version}/ep2.wav`,
      `/media/ep1.wav`,
      `/media/${version}/.secret.wav`,
      `/media/${version}/..%2F..%2Fpackage.json`,
      `/media/${version}/%2e%2e%2fep1.wav`,
    ]) {
      const response = await fetch(`${baseUrl}${wrong}`);
      expect(response.status, wrong).toBe(404);
      await response.body?.cancel();
    }
    expect(await rawGet(baseUrl, `/media/${version}/../../../package.json`)).toBe(404);
    expect(await rawGet(baseUrl, `/media/${version}/..\\..\\package.json`)).toBe(404);
  });

  it("answer other methods with 405 and Allow: GET, HEAD", async () => {
    const { url } = await mediaServer();
    const response = await fetch(url, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    await response.body?.cancel();
  });

  it("get a new URL when replaced: the feeds follow, the old URL stops answering", async () => {
    const { baseUrl, url, mediaDir } = await mediaServer({ watch: true });
    // The URL as feeds wrote it before the version went into the file name answers too.
    const plainNameUrl = `${baseUrl}/media/${version}/ep1.wav`;
    const plainName = await fetch(plainNameUrl);
    expect(plainName.status).toBe(200);
    expect((await bodyOf(plainName)).equals(bytes)).toBe(true);
    const replacement = wavBytes({ seconds: 3, frequency: 220 });
    const newVersion = createHash("sha256").update(replacement).digest("hex").slice(0, 16);
    const newUrl = `${baseUrl}/media/${newVersion}/ep1.${newVersion}.wav`;
    await writeFile(path.join(mediaDir, "ep1.wav"), replacement);
    const xml = await pollUntil(
      async () => (await fetch(`${baseUrl}/podcast.xml`)).text(),
      (text) => xmlTexts(text, "/rss/channel/item[1]/enclosure/@url")[0] === newUrl,
    );
    expect(xmlTexts(xml, "/rss/channel/item[1]/enclosure/@length")).toEqual([
      String(replacement.length),
    ]);
    expect(xmlTexts(xml, "/rss/channel/item[1]/itunes:duration")).toEqual(["3"]);
    const old = await fetch(url);
    expect(old.status).toBe(404);
    await old.body?.cancel();
    const oldPlainName = await fetch(plainNameUrl);
    expect(oldPlainName.status).toBe(404);
    await oldPlainName.body?.cancel();
    const fresh = await fetch(newUrl, { headers: { range: "bytes=0-3" } });
    expect(fresh.status).toBe(206);
    expect((await bodyOf(fresh)).toString("ascii")).toBe("RIFF");
  });
});
