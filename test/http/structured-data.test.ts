// Article pages as the real server serves them: NewsArticle JSON-LD that passes the check and
// says what the JSON Feed says, Open Graph and Twitter tags, and the canonical URL.
import { describe, expect, it } from "vitest";
import { newsArticleProblems } from "../../src/validate/news-article.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";

function jsonLdOf(page: string): Record<string, unknown> {
  const match = page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  return JSON.parse(match?.[1] ?? "null");
}

describe("article page structured data", () => {
  it("agrees with the feed, names the publisher for the seed article's empty byline, and carries social tags", async () => {
    const dir = await makeArticlesDir(
      {
        "budget.md": markdownArticle({
          title: "Budget: what changes",
          published: "2026-03-02T00:30:00+01:00",
          updated: "2026-03-02T09:00:00Z",
          author: "Ana Ruiz",
          summary: "What the budget changes.",
          image: { url: "/img/budget.jpg", width: 1200, height: 800, alt: "The minister" },
        }),
      },
      { withSeed: true },
    );
    const { baseUrl } = await startTestServer(dir);
    const feed = (await (await fetch(`${baseUrl}/feed.json`)).json()) as { items: unknown[] };
    for (const item of feed.items as Record<string, unknown>[]) {
      const page = await (await fetch(item.url as string)).text();
      const data = jsonLdOf(page);
      expect(newsArticleProblems(data)).toEqual([]);
      expect(data.headline).toBe(item.title);
      expect(data.datePublished).toBe(item.date_published);
      expect(data.dateModified).toBe(item.date_modified ?? item.date_published);
      expect((data.image as { url: string }[] | undefined)?.[0]?.url).toBe(item.image);
      expect(page).toContain(`<link rel="canonical" href="${item.url}">`);
      expect(page).toContain(`<meta property="og:url" content="${item.url}">`);
    }
    const seed = jsonLdOf(
      await (
        await fetch(
          `${baseUrl}/articles/russia-to-continue-backing-iraqi-syrian-governments-lavrov`,
        )
      ).text(),
    );
    expect(seed.author).toEqual([{ "@type": "Organization", name: "Example News" }]);
    const budget = await (await fetch(`${baseUrl}/articles/budget`)).text();
    expect(jsonLdOf(budget).author).toEqual([{ "@type": "Person", name: "Ana Ruiz" }]);
    expect(budget).toContain(`<meta property="og:image" content="${baseUrl}/img/budget.jpg">`);
    expect(budget).toContain('<meta property="og:image:width" content="1200">');
    expect(budget).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(budget).toContain('<meta property="og:title" content="Budget: what changes">');
  });

  it("lists each correction as a CorrectionComment with its text and date, oldest first", async () => {
    const dir = await makeArticlesDir({
      "vote.md": markdownArticle({
        title: "The vote",
        published: "2026-03-01T08:00:00Z",
        corrections: [
          { date: "2026-03-04T12:00:00+01:00", text: "The vote was on Tuesday, not Monday." },
          { date: "2026-03-03T10:00:00Z", text: "An earlier version gave the vote as 210." },
        ],
      }),
      "plain.md": markdownArticle({ title: "Plain", published: "2026-03-01T09:00:00Z" }),
    });
    const { baseUrl } = await startTestServer(dir);
    const data = jsonLdOf(await (await fetch(`${baseUrl}/articles/vote`)).text());
    expect(newsArticleProblems(data)).toEqual([]);
    expect(data.correction).toEqual([
      {
        "@type": "CorrectionComment",
        text: "An earlier version gave the vote as 210.",
        datePublished: "2026-03-03T10:00:00Z",
      },
      {
        "@type": "CorrectionComment",
        text: "The vote was on Tuesday, not Monday.",
        datePublished: "2026-03-04T11:00:00Z",
      },
    ]);
    // The page was served with its data: the check passed, so nothing is reported.
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as {
      invalidFeeds: unknown[];
    };
    expect(health.invalidFeeds).toEqual([]);
    const plain = jsonLdOf(await (await fetch(`${baseUrl}/articles/plain`)).text());
    expect(plain).not.toHaveProperty("correction");
  });
});
