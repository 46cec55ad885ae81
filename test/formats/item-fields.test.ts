// Item fields the W3C Feed Validator and readers look for: an author given as "Name <mail@host>"
// is a name and an e-mail in every format, every RSS item has a description before its content,
// an empty body gives no empty content, and an update is dated in RSS as in Atom.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { xmlTexts } from "../support/xml.js";

const run = promisify(execFile);

/** What Debian's python3-feedparser reads of each item: author, e-mail, summary, dates. */
async function feedparserItems(url: string) {
  const script = [
    "import calendar, feedparser, json, sys",
    "d = feedparser.parse(sys.argv[1])",
    "t = lambda v: None if v is None else calendar.timegm(v)",
    "print(json.dumps([{'title': e.get('title'), 'author': e.get('author_detail'),",
    " 'summary': e.get('summary'), 'updated': t(e.get('updated_parsed')),",
    " 'published': t(e.get('published_parsed'))} for e in d.entries]))",
  ].join("\n");
  const { stdout } = await run("/usr/bin/python3", ["-c", script, url]);
  return JSON.parse(stdout) as {
    title: string;
    author: unknown;
    summary: string | null;
    updated: number | null;
    published: number | null;
  }[];
}

const articles = {
  "signed.md": markdownArticle(
    {
      title: "Signed",
      published: "2026-03-02T08:00:00Z",
      author: "Ana Ruiz <ana@news.example.com>",
    },
    "The first paragraph.",
  ),
  "pair.md": markdownArticle(
    {
      title: "Signed twice",
      published: "2026-03-02T07:00:00Z",
      author: ["Ana Ruiz <ana@news.example.com>", "Bo Li"],
    },
    "Two bylines.",
  ),
  "empty.md": markdownArticle({ title: "Headline only", published: "2026-03-01T08:00:00Z" }, ""),
  // A body of only a script, which the sanitizer drops, leaves white space alone.
  "blank.md": markdownArticle(
    { title: "Blank body", published: "2026-03-01T07:00:00Z" },
    "<script>alert(1)</script>",
  ),
  "edited.md": markdownArticle(
    {
      title: "Edited",
      published: "2026-02-01T08:00:00Z",
      updated: "2026-02-03T10:30:00Z",
    },
    "Now corrected.",
  ),
};

describe("item authors, descriptions, content and updates", () => {
  it("write an author's e-mail apart from the name in RSS, Atom and JSON Feed", async () => {
    const { baseUrl } = await startTestServer(await makeArticlesDir(articles));
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    const item = "/rss/channel/item[title='Signed']";
    expect(xmlTexts(rss, `${item}/author`)).toEqual(["ana@news.example.com (Ana Ruiz)"]);
    expect(xmlTexts(rss, `${item}/dc:creator`)).toEqual([]);
    // RSS has one <author> an item: two authors are two dc:creator names.
    const pair = "/rss/channel/item[title='Signed twice']";
    expect(xmlTexts(rss, `${pair}/author`)).toEqual([]);
    expect(xmlTexts(rss, `${pair}/dc:creator`)).toEqual(["Ana Ruiz", "Bo Li"]);
    const atom = await (await fetch(`${baseUrl}/atom.xml`)).text();
    const entry = "/atom:feed/atom:entry[atom:title='Signed twice']";
    expect(xmlTexts(atom, `${entry}/atom:author/atom:name`)).toEqual(["Ana Ruiz", "Bo Li"]);
    expect(xmlTexts(atom, `${entry}/atom:author/atom:email`)).toEqual(["ana@news.example.com"]);
    const json = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
      items: { title: string; authors?: unknown[] }[];
    };
    expect(json.items.find((jsonItem) => jsonItem.title === "Signed twice")?.authors).toEqual([
      { name: "Ana Ruiz", url: "mailto:ana@news.example.com" },
      { name: "Bo Li" },
    ]);
    const read = await feedparserItems(`${baseUrl}/rss.xml`);
    expect(read.find((readItem) => readItem.title === "Signed")?.author).toEqual({
      name: "Ana Ruiz",
      email: "ana@news.example.com",
    });
  });

  it("give every RSS item a description before its content, and an empty body no content", async () => {
    const { baseUrl } = await startTestServer(await makeArticlesDir(articles));
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    for (const title of ["Signed", "Headline only", "Edited"]) {
      const start = rss.indexOf(`<title>${title}</title>`);
      const item = rss.slice(start, rss.indexOf("</item>", start));
      expect(item, title).toContain("<description>");
      if (item.includes("<content:encoded>"))
        expect(item.indexOf("<description>"), title).toBeLessThan(
          item.indexOf("<content:encoded>"),
        );
    }
    expect(xmlTexts(rss, "/rss/channel/item[title='Signed']/description")).toEqual([
      "The first paragraph.",
    ]);
    // Nothing to summarise: the title stands in; there is no content to give.
    const atom = await (await fetch(`${baseUrl}/atom.xml`)).text();
    const json = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
      items: { title: string; content_html: string }[];
    };
    for (const title of ["Headline only", "Blank body"]) {
      const empty = `/rss/channel/item[title='${title}']`;
      expect(xmlTexts(rss, `${empty}/description`), title).toEqual([title]);
      expect(xmlTexts(rss, `${empty}/content:encoded`), title).toEqual([]);
      const entry = `/atom:feed/atom:entry[atom:title='${title}']`;
      expect(xmlTexts(atom, `${entry}/atom:content`), title).toEqual([]);
      expect(xmlTexts(atom, `${entry}/atom:summary`), title).toEqual([title]);
      expect(xmlTexts(atom, `${entry}/atom:link[@rel='alternate']/@href`)).toHaveLength(1);
      expect(json.items.find((item) => item.title === title)?.content_html, title).toBe("");
    }
  });

  it("date an update in RSS with atom:updated, which feedparser reads as in Atom", async () => {
    const { baseUrl } = await startTestServer(await makeArticlesDir(articles));
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(xmlTexts(rss, "/rss/channel/item[title='Edited']/atom:updated")).toEqual([
      "2026-02-03T10:30:00Z",
    ]);
    // An item never edited carries its pubDate alone.
    expect(xmlTexts(rss, "/rss/channel/item[title='Signed']/atom:updated")).toEqual([]);
    const fromRss = await feedparserItems(`${baseUrl}/rss.xml`);
    const fromAtom = await feedparserItems(`${baseUrl}/atom.xml`);
    const edited = Date.parse("2026-02-03T10:30:00Z") / 1000;
    expect(fromRss.find((item) => item.title === "Edited")).toMatchObject({
      updated: edited,
      published: Date.parse("2026-02-01T08:00:00Z") / 1000,
    });
    expect(fromAtom.find((item) => item.title === "Edited")?.updated).toBe(edited);
  });
});
