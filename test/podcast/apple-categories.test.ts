// Apple's category list is written once as data; the RSS grammar enumerates the same names, and
// Podcast Index's parser (podcast-partytime) keeps its own copy of Apple's list: all three agree.
import { createRequire } from "node:module";
import { XmlDocument } from "libxml2-wasm";
import { describe, expect, it } from "vitest";
import { appleCategories, appleCategoryProblem } from "../../src/site/apple-categories.js";
import { podcastSettingsSchema } from "../../src/site/podcast-settings.js";
import { readSchemaFile } from "../../src/validate/schema-files.js";
import { podcastBlock } from "../support/podcast-site.js";

interface PartytimeCategory {
  name: string;
  subCategories: string[];
}

const partytimeCategories = (
  createRequire(import.meta.url)("podcast-partytime/dist/parser/itunes-categories.js") as {
    itunesCategoriesSourceOfTruth: PartytimeCategory[];
  }
).itunesCategoriesSourceOfTruth;

/** The categories rss.rng enumerates: each top-level group's value and its nested choice. */
function grammarCategories(): Record<string, string[]> {
  const grammar = XmlDocument.fromString(readSchemaFile("rss.rng"));
  try {
    const ns = { rng: "http://relaxng.org/ns/structure/1.0" };
    const groups = grammar.find(
      "//rng:define[@name='itunesCategory']/rng:element/rng:choice/rng:group",
      ns,
    );
    return Object.fromEntries(
      groups.map((group) => [
        group.get("rng:attribute/rng:value", ns)?.content ?? "",
        group.find(".//rng:element/rng:attribute/rng:choice/rng:value", ns).map((v) => v.content),
      ]),
    );
  } finally {
    grammar.dispose();
  }
}

describe("Apple Podcasts categories", () => {
  it("are the list Podcast Index's parser knows, category by category", () => {
    expect(
      Object.fromEntries(partytimeCategories.map((entry) => [entry.name, entry.subCategories])),
    ).toEqual(appleCategories);
  });

  it("are the ones the RSS grammar accepts", () => {
    expect(grammarCategories()).toEqual(appleCategories);
  });

  it("name what is wrong with a category that is not on the list", () => {
    expect(appleCategoryProblem("News", "Daily News")).toBeUndefined();
    expect(appleCategoryProblem("Technology")).toBeUndefined();
    expect(appleCategoryProblem("Newz")).toMatch(
      /^"Newz" is not an Apple Podcasts category; one of Arts, /,
    );
    expect(appleCategoryProblem("Arts", "Daily News")).toMatch(
      /^"Daily News" is not a subcategory of "Arts"; one of Books, /,
    );
    expect(appleCategoryProblem("Technology", "Gadgets")).toBe('"Technology" has no subcategories');
  });

  it("are checked in site.json's podcast block, by position", () => {
    const checked = podcastSettingsSchema.safeParse(
      podcastBlock({ categories: ["Technology", { category: "Arts", subcategory: "Daily News" }] }),
    );
    expect(checked.success).toBe(false);
    expect(checked.error?.issues.map((issue) => issue.path.join("."))).toEqual(["categories.1"]);
  });
});
