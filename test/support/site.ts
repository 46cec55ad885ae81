// Site metadata for tests, independent of the repository's site.json.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { SiteMetadata } from "../../src/site/site-metadata.js";
import { makeArticlesDir } from "./articles-dir.js";

export const testSiteUrl = "https://news.example.com";

export function testSite(overrides: Partial<SiteMetadata> = {}): SiteMetadata {
  return {
    title: "Example News",
    description: "Test desk of Example News",
    language: "en",
    publisher: { name: "Example News" },
    idPrefix: "tag:news.example.com,2026:article/",
    feedId: "tag:news.example.com,2026:feed",
    feedSize: 50,
    maxAgeSeconds: 900,
    archiveMaxAgeSeconds: 86_400,
    hubs: [],
    ...overrides,
  };
}

/** Writes `metadata` as a site.json in a new temporary folder (removed after the test); returns its path. */
export async function writeSiteFile(metadata: Record<string, unknown>): Promise<string> {
  const file = path.join(await makeArticlesDir({}), "site.json");
  await writeFile(file, JSON.stringify(metadata));
  return file;
}
