// Compressed copies made ahead of requests (precompress): a request that comes while one is being
// made waits for it instead of compressing the same bytes again on the event loop, and the copies
// are made one at a time, in the order asked.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Rendition } from "../../src/renditions/rendition.js";

function feed(path: string, body: string): Rendition {
  return new Rendition({
    path,
    mediaType: "application/rss+xml; charset=utf-8",
    body,
    lastModified: new Date(0),
    maxAgeSeconds: 60,
    kind: "feed",
    selfUrl: `https://example.com${path}`,
    hubs: [],
  });
}

/** Text that compresses slowly: words in an order that repeats rarely. */
function wordy(words: number): string {
  let seed = 7;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    seed = (seed * 48271) % 2147483647;
    out.push(`w${seed % 50_000}`);
  }
  return out.join(" ");
}

describe("compressed copies made ahead", () => {
  it("are waited for rather than made again, and are the copies kept", async () => {
    const body = wordy(20_000);
    const rendition = feed("/rss.xml", body);
    const making = rendition.precompress();
    expect(rendition.readyVariant("gzip")).toBeUndefined();
    expect(rendition.readyVariant("br")).toBeUndefined();
    expect(rendition.readyVariant("identity")?.body.toString()).toBe(body);
    const [gzip, br] = await Promise.all([
      rendition.variantWhenMade("gzip"),
      rendition.variantWhenMade("br"),
    ]);
    await making;
    expect(gunzipSync(gzip.body).toString()).toBe(body);
    expect(brotliDecompressSync(br.body).toString()).toBe(body);
    expect(rendition.readyVariant("gzip")).toBe(gzip);
    expect(rendition.readyVariant("br")).toBe(br);
  });

  it("are made one at a time, in the order they were asked for", async () => {
    const large = feed("/large.xml", wordy(200_000));
    const small = feed("/small.xml", "tiny");
    const done: string[] = [];
    const note = (name: string) => (made: unknown) => {
      done.push(name);
      return made;
    };
    void large.precompress();
    void small.precompress();
    await Promise.all([
      large.variantWhenMade("gzip").then(note("large gzip")),
      large.variantWhenMade("br").then(note("large br")),
      small.variantWhenMade("gzip").then(note("small gzip")),
      small.variantWhenMade("br").then(note("small br")),
    ]);
    expect(done).toEqual(["large gzip", "large br", "small gzip", "small br"]);
  });

  it("without one being made, a copy is made when first asked for", () => {
    const rendition = feed("/page", "<p>text</p>");
    const gzip = rendition.readyVariant("gzip");
    expect(gzip === undefined ? "" : gunzipSync(gzip.body).toString()).toBe("<p>text</p>");
    expect(rendition.readyVariant("gzip")).toBe(gzip);
  });
});
