// Items written lately are written again from what they were (written-items.ts): a feed made of
// items written before reads byte for byte as the same feed made of fresh copies of its items,
// whatever the channel around them, the namespaces it declares, and the order it is asked in.
import { describe, expect, it } from "vitest";
import { renderAtom } from "../../src/formats/atom.js";
import { renderRss } from "../../src/formats/rss.js";
import type { Feed } from "../../src/model.js";
import { sampleFeed, sampleItems } from "../validate/sample-feed.js";

/** The feed with every item a new object, which no cache has seen. */
function withFreshItems(feed: Feed): Feed {
  return { ...feed, items: feed.items.map((item) => ({ ...item })) };
}

describe.each([
  ["RSS", renderRss],
  ["Atom", renderAtom],
])("%s items written again", (_format, render) => {
  it("read as fresh items do, in feeds of other channels and namespaces", () => {
    const items = sampleItems();
    const [newest, withImage, oldest] = items as [
      (typeof items)[0],
      (typeof items)[0],
      (typeof items)[0],
    ];
    const feeds: Feed[] = [
      sampleFeed(items),
      // An archive declares the feed-history namespace; items without an image, no media one.
      { ...sampleFeed(items), archive: true },
      sampleFeed([newest, oldest]),
      sampleFeed([withImage]),
      { ...sampleFeed(items), title: "Another & title", language: "fr" },
    ];
    for (const feed of [...feeds, ...feeds.reverse()])
      expect(render(feed)).toBe(render(withFreshItems(feed)));
  });
});
