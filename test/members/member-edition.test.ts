// The member edition is built only when a member feed is asked for: changes to a site whose
// members do not read cost the public build alone, and the next member request sees them all.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { memberTokenPlaceholder } from "../../src/members/member-feeds.js";
import { validateRenderedFeed } from "../../src/validate/index.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";

const apiToken = "member-edition-api-token-0123456789";
const auth = { Authorization: `Bearer ${apiToken}`, "Content-Type": "application/json" };

describe("the member edition", () => {
  it("is not built at start nor on a change, and a member feed then shows every change", async () => {
    const dir = await makeArticlesDir({
      "paid.md": markdownArticle(
        { title: "Paid story", published: "2026-03-02T08:00:00Z", access: "members" },
        "For members only.",
      ),
    });
    const stateDir = await mkdtemp(path.join(tmpdir(), "wirefeed-edition-"));
    onTestFinished(() => rm(stateDir, { recursive: true, force: true }));
    let memberDocumentsChecked = 0;
    const { baseUrl, service } = await startTestServer(dir, {
      site: testSite(),
      apiToken,
      members: {
        key: "member-key-for-tests-0123456789abcdef",
        file: path.join(stateDir, "members.json"),
        mediaLinkHours: 24,
        maxAddresses: 0,
      },
      // The gate sees every document built: a member one carries the token placeholder.
      validate: (format, text) => {
        if (text.includes(memberTokenPlaceholder)) memberDocumentsChecked += 1;
        return validateRenderedFeed(format, text);
      },
    });
    await writeFile(
      path.join(dir, "second.md"),
      markdownArticle({
        title: "Second paid story",
        published: "2026-03-03T08:00:00Z",
        access: "members",
      }),
    );
    await service.refresh(["second.md"]);
    expect((await fetch(`${baseUrl}/rss.xml`)).status).toBe(200);
    expect(memberDocumentsChecked).toBe(0);

    const created = await fetch(`${baseUrl}/api/members`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ id: "reader-1", name: "Reader" }),
    });
    const { feeds } = (await created.json()) as { feeds: { rss: string } };
    const memberRss = await (await fetch(feeds.rss)).text();
    expect(memberDocumentsChecked).toBeGreaterThan(0);
    expect(memberRss).toContain("Second paid story");
    expect(memberRss).toContain("For members only.");
    expect(memberRss).not.toContain(memberTokenPlaceholder);
  });
});
