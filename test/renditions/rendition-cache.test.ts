// Renditions made on first request stay within the cache's bytes: the least recently served go
// first, and one that went is made again (with the same bytes and ETag) when next asked for.
import { describe, expect, it } from "vitest";
import { Rendition } from "../../src/renditions/rendition.js";
import { RenditionCache } from "../../src/renditions/rendition-cache.js";
import { lazyRendition } from "../../src/renditions/rendition-table.js";

function page(path: string, bytes: number): Rendition {
  return new Rendition({
    path,
    mediaType: "text/html; charset=utf-8",
    body: "x".repeat(bytes),
    lastModified: new Date(0),
    maxAgeSeconds: 60,
    kind: "page",
    selfUrl: `https://example.com${path}`,
    hubs: [],
  });
}

describe("the rendition cache", () => {
  it("keeps the most recently served within its bytes and makes the others again on request", () => {
    const cache = new RenditionCache(2_500);
    const made: string[] = [];
    const lazies = ["/a", "/b", "/c"].map((path) =>
      lazyRendition(() => {
        made.push(path);
        return page(path, 1_000);
      }, cache),
    );
    const [a, b, c] = lazies as [() => Rendition, () => Rendition, () => Rendition];
    const firstA = a();
    b();
    a(); // served again: /b is now the least recently served
    c();
    expect(cache.bytes).toBeLessThanOrEqual(2_500);
    expect(cache.size).toBe(2);
    expect(made).toEqual(["/a", "/b", "/c"]);
    expect(a()).toBe(firstA);
    const secondB = b();
    expect(made).toEqual(["/a", "/b", "/c", "/b"]);
    expect(secondB.variant("identity").etag).toBe(page("/b", 1_000).variant("identity").etag);
  });

  it("keeps a rendition larger than the whole cache only until the next one comes", () => {
    const cache = new RenditionCache(500);
    lazyRendition(() => page("/big", 1_000), cache)();
    expect(cache.size).toBe(1);
    lazyRendition(() => page("/small", 100), cache)();
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(100);
  });

  it("counts the compressed copies made after a rendition was kept, and stays within its bytes", async () => {
    const cache = new RenditionCache(6_000);
    // Bytes that compress badly, so each coding's copy is about as large as the body.
    const noise = (seed: number) =>
      Array.from({ length: 600 }, (_, i) =>
        ((i * 7_919 + seed * 104_729) % 9_973).toString(36),
      ).join("");
    const lazies = ["/a", "/b", "/c"].map((path, n) =>
      lazyRendition(
        () =>
          new Rendition({
            path,
            mediaType: "text/html; charset=utf-8",
            body: noise(n),
            lastModified: new Date(0),
            maxAgeSeconds: 60,
            kind: "page",
            selfUrl: `https://example.com${path}`,
            hubs: [],
          }),
        cache,
      ),
    );
    const made = lazies.map((lazy) => lazy() as Rendition);
    const [a, b, c] = made as [Rendition, Rendition, Rendition];
    expect(cache.bytes).toBe(a.bytes + b.bytes + c.bytes);
    c.variant("gzip");
    await b.precompress();
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes);
    const held = made.filter((rendition, i) => cache.get(lazies[i] as object) === rendition);
    expect(held.length).toBeLessThan(3);
    expect(cache.bytes).toBe(held.reduce((sum, rendition) => sum + rendition.bytes, 0));
  });
});
