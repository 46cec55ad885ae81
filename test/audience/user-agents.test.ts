// The User-Agent table: every entry's example is named by that entry (order matters: the first
// match wins), counts are read only from services, and unknown clients stay "other".
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { identifyClient, userAgentEntries } from "../../src/audience/user-agents.js";

describe("the User-Agent table", () => {
  test.each(userAgentEntries.map((entry) => [entry.name, entry] as const))(
    "%s: its example is identified as itself, with a source",
    (_name, entry) => {
      expect(entry.source.length).toBeGreaterThan(5);
      const identity = identifyClient(entry.example);
      expect(identity.family).toBe(entry.name);
      expect(identity.kind).toBe(entry.kind);
    },
  );

  test("every entry whose example is unverified says why, and the README names it", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const listed = readme.split("**Unverified patterns.**")[1]?.split("\n\n")[0] ?? "";
    const unverified = userAgentEntries.filter((entry) => entry.unverified !== undefined);
    expect(unverified.length).toBeGreaterThan(0);
    for (const entry of unverified) {
      expect(entry.unverified?.length).toBeGreaterThan(20);
      expect(listed).toContain(`${entry.name}:`);
    }
  });

  test("counts and feed ids come from services, in their own wording", () => {
    expect(identifyClient("Feedbin feed-id:1697787 - 1 subscriber")).toEqual({
      family: "Feedbin",
      kind: "aggregator",
      subscribers: 1,
      feedId: "1697787",
    });
    expect(
      identifyClient(
        "Dreamwidth Studios (webmaster@dreamwidth.org; for https://www.dreamwidth.org/users/x/; 2 readers)",
      ),
    ).toMatchObject({ family: "Dreamwidth", subscribers: 2 });
    // A person's reader claiming a count is not believed.
    expect(identifyClient("Newsboat/2.30 (Linux x86_64; 900 subscribers)")).toEqual({
      family: "Newsboat",
      kind: "reader",
    });
    // An unlisted web reader following JSON Feed's advice is an aggregator, under no name of its own.
    expect(identifyClient("MyHostedReader/1.0 (+https://reader.example; 17 subscribers)")).toEqual({
      family: "unlisted aggregator",
      kind: "aggregator",
      subscribers: 17,
    });
  });

  test("unknown or missing User-Agents are 'other' readers, never their own string", () => {
    expect(identifyClient(undefined)).toEqual({ family: "other", kind: "reader" });
    expect(identifyClient("")).toEqual({ family: "other", kind: "reader" });
    expect(identifyClient("bob's-laptop-script/0.1")).toEqual({ family: "other", kind: "reader" });
  });
});
