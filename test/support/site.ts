// Site metadata for tests, independent of the repository's site.json.
import type { SiteMetadata } from "../../src/config.js";

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
