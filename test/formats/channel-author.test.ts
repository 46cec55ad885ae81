// RSS names the publisher at channel level the way Atom names the feed's author, so readers show
// the publisher for an item without an author (feedparser and rss2email read dc:creator, Miniflux
// managingEditor), while no item is given an author it does not have.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";
import { xmlTexts } from "../support/xml.js";

const run = promisify(execFile);

/** What Debian's python3-feedparser reads as the channel's and the items' authors. */
async function feedparserAuthors(url: string) {
  const script = [
    "import feedparser, json, sys",
    "d = feedparser.parse(sys.argv[1])",
    "print(json.dumps({'feed': d.feed.get('author_detail'),",
    " 'items': [e.get('author_detail') for e in d.entries]}))",
  ].join("\n");
  const { stdout } = await run("/usr/bin/python3", ["-c", script, url]);
  return JSON.parse(stdout) as { feed: unknown; items: unknown[] };
}

const articles = {
  "a.md": markdownArticle({ title: "Unsigned", published: "2026-03-01T08:00:00Z" }),
  "b.md": markdownArticle({
    title: "Signed",
    published: "2026-03-02T08:00:00Z",
    author: "Ana Ruiz",
  }),
};

describe("the RSS channel's author", () => {
  it("is the publisher, by dc:creator, and items keep only their own authors", async () => {
    const { baseUrl } = await startTestServer(await makeArticlesDir(articles));
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(xmlTexts(rss, "/rss/channel/dc:creator")).toEqual(["Example News"]);
    expect(xmlTexts(rss, "/rss/channel/managingEditor")).toEqual([]);
    expect(xmlTexts(rss, "/rss/channel/item[title='Unsigned']/dc:creator")).toEqual([]);
    expect(xmlTexts(rss, "/rss/channel/item[title='Signed']/dc:creator")).toEqual(["Ana Ruiz"]);
    const read = await feedparserAuthors(`${baseUrl}/rss.xml`);
    expect(read.feed).toEqual({ name: "Example News" });
    // Newest first: Signed, then Unsigned, which feedparser leaves without an author of its own.
    expect(read.items).toEqual([{ name: "Ana Ruiz" }, null]);
  });

  it("is also the managingEditor, as RSS writes it (mail (Name)), when the publisher has an e-mail", async () => {
    const site = testSite({
      publisher: { name: "Example News", email: "desk@news.example.com" },
    });
    const { baseUrl } = await startTestServer(await makeArticlesDir(articles), { site });
    const response = await fetch(`${baseUrl}/rss.xml`);
    expect(response.status).toBe(200);
    const rss = await response.text();
    expect(xmlTexts(rss, "/rss/channel/managingEditor")).toEqual([
      "desk@news.example.com (Example News)",
    ]);
    expect(xmlTexts(rss, "/rss/channel/dc:creator")).toEqual(["Example News"]);
    const read = await feedparserAuthors(`${baseUrl}/rss.xml`);
    expect(read.feed).toMatchObject({ name: "Example News" });
  });
});
