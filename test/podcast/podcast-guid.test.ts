// podcast:guid: UUIDv5 of the feed URL without scheme and trailing slashes, in the Podcasting 2.0
// namespace. The vectors are the ones the namespace publishes (Podcastindex-org/podcast-namespace,
// docs/tags/guid.md) and RFC 9562's own UUIDv5 example.
import { describe, expect, it } from "vitest";
import { assignedPodcastGuid, unpinnedGuidAdvice } from "../../src/feeds/build-podcast.js";
import {
  podcastGuid,
  podcastGuidNamespace,
  podcastGuidPattern,
  uuidV5,
} from "../../src/site/podcast-guid.js";
import { testPodcast } from "../support/podcast-site.js";

describe("podcast:guid", () => {
  it.each([
    { feedUrl: "mp3s.nashownotes.com/pc20rss.xml", guid: "917393e3-1b1e-5cef-ace4-edaa54e1f810" },
    { feedUrl: "podnews.net/rss", guid: "9b024349-ccf0-5f69-a609-6b82873eab3c" },
  ])("matches the namespace's published vector for $feedUrl", ({ feedUrl, guid }) => {
    expect(uuidV5(podcastGuidNamespace, feedUrl)).toBe(guid);
    expect(podcastGuid(feedUrl)).toBe(guid);
  });

  it("strips the scheme and trailing slashes from the feed URL first", () => {
    expect(podcastGuid("https://podnews.net/rss")).toBe("9b024349-ccf0-5f69-a609-6b82873eab3c");
    expect(podcastGuid("http://mp3s.nashownotes.com/pc20rss.xml//")).toBe(
      "917393e3-1b1e-5cef-ace4-edaa54e1f810",
    );
  });

  it("is RFC 9562's UUIDv5 (its example: www.example.com in the DNS namespace)", () => {
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
    expect(podcastGuid("https://news.example.com/podcast.xml")).toMatch(podcastGuidPattern);
  });

  it("is site.json's when pinned, and otherwise computed from /podcast.xml with advice to pin it", () => {
    const computed = assignedPodcastGuid(testPodcast(), "https://news.example.com");
    expect(computed).toEqual({
      guid: podcastGuid("news.example.com/podcast.xml"),
      pinned: false,
    });
    expect(unpinnedGuidAdvice(computed.guid)).toContain(`"guid": "${computed.guid}"`);
    // Pinned, it survives a move of the site.
    const pinned = testPodcast({ guid: computed.guid });
    expect(assignedPodcastGuid(pinned, "https://elsewhere.example.org")).toEqual({
      guid: computed.guid,
      pinned: true,
    });
  });
});
