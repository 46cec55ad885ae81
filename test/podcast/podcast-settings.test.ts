// site.json's podcast block and MEDIA_DIR, checked at start like every other setting.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { repoRoot } from "../support/articles-dir.js";
import { podcastBlock } from "../support/podcast-site.js";
import { writeSiteFile } from "../support/site.js";

function siteFileWith(podcast: Record<string, unknown>): Promise<string> {
  return writeSiteFile({
    title: "Example News",
    description: "News",
    language: "en",
    publisher: { name: "Example News" },
    idPrefix: "tag:news.example.com,2026:article/",
    feedId: "tag:news.example.com,2026:feed",
    podcast,
  });
}

describe("the podcast block of site.json", () => {
  it("is read with its defaults: episodic, unlocked, no funding or people, the guid computed", async () => {
    const file = await siteFileWith({
      author: "Example News",
      owner: { name: "Ana Ruiz", email: "podcast@news.example.com" },
      image: "https://news.example.com/cover.jpg",
      categories: ["News"],
      explicit: false,
    });
    expect(loadConfig({ SITE_CONFIG: file }, repoRoot).site.podcast).toEqual({
      author: "Example News",
      owner: { name: "Ana Ruiz", email: "podcast@news.example.com" },
      image: "https://news.example.com/cover.jpg",
      categories: [{ name: "News" }],
      explicit: false,
      type: "episodic",
      locked: false,
      funding: [],
      persons: [],
    });
  });

  it.each<{ fault: string; podcast: Record<string, unknown>; message: string }>([
    {
      fault: 'explicit "yes"',
      podcast: { explicit: "yes" },
      message: "podcast.explicit: expected boolean",
    },
    {
      fault: "no category",
      podcast: { categories: [] },
      message: "podcast.categories: Apple needs at least one category",
    },
    {
      fault: "a category Apple does not list",
      podcast: { categories: ["Newz"] },
      message: 'podcast.categories.0: "Newz" is not an Apple Podcasts category',
    },
    {
      fault: "an owner without an e-mail address",
      podcast: { owner: { name: "Ana Ruiz" } },
      message: "podcast.owner.email: required",
    },
    {
      fault: "a relative image",
      podcast: { image: "cover.jpg" },
      message: "podcast.image: expected an absolute http(s) URL or a path starting with /",
    },
    {
      fault: "a type other than episodic or serial",
      podcast: { type: "daily" },
      message: "podcast.type: ",
    },
    {
      fault: "a guid that is not a UUIDv5",
      podcast: { guid: "4f5b8a9e-0000-4000-8000-000000000000" },
      message: "podcast.guid: expected a lower-case UUIDv5",
    },
    {
      fault: "a funding label over 128 characters",
      podcast: { funding: [{ url: "/support", text: "x".repeat(129) }] },
      message: "podcast.funding.0.text: at most 128 characters",
    },
    {
      fault: "an unknown key",
      podcast: { explict: true },
      message: 'podcast: unknown key "explict"',
    },
  ])("refuses $fault, naming the field", async ({ podcast, message }) => {
    const file = await siteFileWith(podcastBlock(podcast));
    expect(() => loadConfig({ SITE_CONFIG: file }, repoRoot)).toThrow(message);
  });
});

describe("MEDIA_DIR", () => {
  it("defaults to ./media and is taken from the environment", () => {
    expect(loadConfig({}, repoRoot).mediaDir).toBe(path.join(repoRoot, "media"));
    expect(loadConfig({ MEDIA_DIR: "/srv/media" }, repoRoot).mediaDir).toBe("/srv/media");
  });
});
