// The seed's three feeds, compared byte for byte with the committed golden files.
// To accept a deliberate change: UPDATE_GOLDEN=1 npx vitest run test/formats/golden.test.ts
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { buildSite } from "../../src/renditions/site/build-site.js";
import { validateRenderedFeed } from "../../src/validate/index.js";
import { makeArticlesDir, repoRoot } from "../support/articles-dir.js";
import { testSite, testSiteUrl } from "../support/site.js";
import { assertWellFormed, xmlTexts } from "../support/xml.js";

const goldenDir = path.join(repoRoot, "test/golden");

async function seedSite() {
  const site = testSite();
  const dir = await makeArticlesDir({}, { withSeed: true });
  const loaded = await loadArticles(dir, { idPrefix: site.idPrefix });
  return buildSite(loaded.articles, loaded.problems, {
    site,
    siteUrl: testSiteUrl,
    validate: validateRenderedFeed,
  });
}

async function compareWithGolden(name: string, actual: string): Promise<void> {
  const file = path.join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === "1") await writeFile(file, actual);
  expect(actual).toBe(await readFile(file, "utf8"));
}

describe("golden feeds of the seed article", () => {
  it.each([
    ["/rss.xml", "seed.rss.xml"],
    ["/atom.xml", "seed.atom.xml"],
    ["/feed.json", "seed.feed.json"],
  ])("%s equals %s byte for byte", async (feedPath, golden) => {
    const rendition = (await seedSite()).renditions.get(feedPath);
    if (rendition === undefined) throw new Error(`no rendition at ${feedPath}`);
    await compareWithGolden(golden, rendition.body.toString("utf8"));
  });

  it("the golden XML files are well-formed and the JSON file parses", async () => {
    assertWellFormed(await readFile(path.join(goldenDir, "seed.rss.xml"), "utf8"));
    assertWellFormed(await readFile(path.join(goldenDir, "seed.atom.xml"), "utf8"));
    const json = JSON.parse(await readFile(path.join(goldenDir, "seed.feed.json"), "utf8"));
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
  });

  it("the three formats carry the same id, dates from the data and no invented author", async () => {
    const rss = await readFile(path.join(goldenDir, "seed.rss.xml"), "utf8");
    const atom = await readFile(path.join(goldenDir, "seed.atom.xml"), "utf8");
    const json = JSON.parse(await readFile(path.join(goldenDir, "seed.feed.json"), "utf8"));
    const id = "tag:wirefeed.example,2014-10-20:d0c35f80829a8acd";
    expect(xmlTexts(rss, "/rss/channel/item/guid")).toEqual([id]);
    expect(xmlTexts(rss, "/rss/channel/item/guid/@isPermaLink")).toEqual(["false"]);
    expect(xmlTexts(atom, "/atom:feed/atom:entry/atom:id")).toEqual([id]);
    expect(json.items.map((item: { id: string }) => item.id)).toEqual([id]);

    expect(xmlTexts(rss, "/rss/channel/item/pubDate")).toEqual(["Mon, 20 Oct 2014 08:00:00 GMT"]);
    expect(xmlTexts(rss, "/rss/channel/lastBuildDate")).toEqual(["Mon, 20 Oct 2014 08:00:00 GMT"]);
    expect(xmlTexts(atom, "/atom:feed/atom:updated")).toEqual(["2014-10-20T08:00:00Z"]);
    expect(json.items[0].date_published).toBe("2014-10-20T08:00:00Z");

    // No item names an author; the channel names the publisher, as the Atom and JSON feeds do.
    expect(xmlTexts(rss, "/rss/channel/item/dc:creator")).toEqual([]);
    expect(xmlTexts(rss, "/rss/channel/item/author")).toEqual([]);
    expect(xmlTexts(rss, "/rss/channel/dc:creator")).toEqual(["Example News"]);
    expect(xmlTexts(atom, "/atom:feed/atom:entry/atom:author")).toEqual([]);
    expect(xmlTexts(atom, "/atom:feed/atom:author/atom:name")).toEqual(["Example News"]);
    expect(json.items[0].authors).toBeUndefined();
    expect(json.authors).toEqual([{ name: "Example News" }]);
  });
});
