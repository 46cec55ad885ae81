// The HTML pages through the server: links to tag, author, archive and feeds pages that answer,
// dates in the site's time zone, the language and direction of an article in another language,
// /feeds/ with its copy buttons and reader links, the favicon, and the 404 page's head.
import { createHash } from "node:crypto";
import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";

type Element = ReturnType<typeof DomUtils.findAll>[number];

function parse(html: string) {
  const elements = DomUtils.findAll(() => true, parseDocument(html).children);
  return {
    all: (name: string) => elements.filter((element) => element.name === name),
    withClass: (name: string) =>
      elements.filter((element) => (element.attribs.class ?? "").split(" ").includes(name)),
  };
}

const text = (element: Element) => DomUtils.textContent(element).replace(/\s+/g, " ").trim();
const linksIn = (element: Element) => DomUtils.findAll((e) => e.name === "a", [element]);

async function newsroom(timeZone?: string) {
  const dir = await makeArticlesDir({
    "budget.md": markdownArticle({
      title: "Budget passes",
      published: "2026-03-02T23:30:00Z",
      updated: "2026-03-03T10:15:00Z",
      author: ["Ana Ruiz", "Li Wei"],
      tags: ["Economy & Politics", "World News"],
      image: { url: "/media/budget.jpg", alt: "The minister", width: 1200, height: 800 },
    }),
    "vote.md": markdownArticle({
      title: "Vote",
      published: "2026-03-01T08:00:00Z",
      tags: ["World News"],
    }),
    "old.md": markdownArticle({ title: "Old story", published: "2026-02-10T12:00:00Z" }),
    "arabic.md": markdownArticle(
      {
        title: "عنوان الخبر",
        published: "2026-02-20T09:00:00Z",
        language: "ar",
        author: "سارة",
        tags: ["عربي"],
      },
      "نص المقال.",
    ),
  });
  return startTestServer(dir, {
    site: testSite(timeZone === undefined ? {} : { timeZone }),
  });
}

async function page(url: string) {
  const response = await fetch(url);
  expect({ url, status: response.status }).toEqual({ url, status: 200 });
  return parse(await response.text());
}

describe("pages", () => {
  it("link every byline and tag to its page, which answers", async () => {
    const { baseUrl } = await newsroom();
    const article = await page(`${baseUrl}/articles/budget`);
    const [byline] = article.withClass("byline");
    const [tags] = article.withClass("tags");
    if (byline === undefined || tags === undefined) throw new Error("no byline or tags");
    expect(text(byline)).toBe("By Ana Ruiz, Li Wei");
    expect(text(tags)).toBe("Tags: Economy & Politics, World News");
    const headings = [];
    for (const link of [...linksIn(byline), ...linksIn(tags)]) {
      const [h1] = (await page(link.attribs.href ?? "")).all("h1");
      if (h1 !== undefined) headings.push(text(h1));
    }
    expect(headings).toEqual([
      "By Ana Ruiz",
      "By Li Wei",
      "Tag: Economy & Politics",
      "Tag: World News",
    ]);
  });

  it("lead to /feeds/ and the archive from every page, the 404 page too", async () => {
    const { baseUrl } = await newsroom();
    const paths = [
      "/",
      "/articles/budget",
      "/tags/world-news/",
      "/authors/ana-ruiz/",
      "/archive/",
      "/archive/2026-03/",
      "/feeds/",
    ];
    const notFound = await fetch(`${baseUrl}/nowhere`);
    expect(notFound.status).toBe(404);
    const pages = [
      ...(await Promise.all(paths.map((path) => page(`${baseUrl}${path}`)))),
      parse(await notFound.text()),
    ];
    for (const [index, found] of pages.entries()) {
      const where = paths[index] ?? "404";
      const [footer] = found.all("footer");
      const [masthead] = found.withClass("masthead");
      if (footer === undefined || masthead === undefined) throw new Error(`${where}: no frame`);
      const footerLinks = linksIn(footer).map((link) => link.attribs.href);
      const mastheadLinks = linksIn(masthead).map((link) => link.attribs.href);
      expect({ where, footer: footerLinks.includes(`${baseUrl}/feeds/`) }).toEqual({
        where,
        footer: true,
      });
      expect({ where, mastheadLinks }).toEqual({
        where,
        mastheadLinks: [`${baseUrl}/`, `${baseUrl}/`, `${baseUrl}/archive/`, `${baseUrl}/feeds/`],
      });
    }
  });

  it("show dates in the site's time zone with the time of day and the update; feeds keep UTC", async () => {
    const { baseUrl } = await newsroom("Europe/Paris");
    const article = await page(`${baseUrl}/articles/budget`);
    const [meta] = article.withClass("meta");
    if (meta === undefined) throw new Error("no dates");
    expect(text(meta)).toBe(
      "Published Tuesday 3 March 2026, 00:30 CET · Updated Tuesday 3 March 2026, 11:15 CET",
    );
    expect(
      DomUtils.findAll((e) => e.name === "time", [meta]).map((t) => t.attribs.datetime),
    ).toEqual(["2026-03-03T00:30:00+01:00", "2026-03-03T11:15:00+01:00"]);
    const home = await page(`${baseUrl}/`);
    expect(home.withClass("meta").map(text)).toContain(
      "Published 3 March 2026, 00:30 CET · Updated 3 March 2026, 11:15 CET",
    );
    // An article never updated shows one date.
    expect(home.withClass("meta").map(text)).toContain("Published 1 March 2026, 09:00 CET");
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    expect(rss).toContain("<pubDate>Mon, 02 Mar 2026 23:30:00 GMT</pubDate>");
  });

  it("show dates in UTC when the site names no time zone", async () => {
    const { baseUrl } = await newsroom();
    const [meta] = (await page(`${baseUrl}/articles/budget`)).withClass("meta");
    if (meta === undefined) throw new Error("no dates");
    expect(text(meta)).toBe(
      "Published Monday 2 March 2026, 23:30 UTC · Updated Tuesday 3 March 2026, 10:15 UTC",
    );
  });

  it("mark an Arabic article right to left on its article element, the labels in the site's language", async () => {
    const { baseUrl } = await newsroom();
    const article = await page(`${baseUrl}/articles/arabic`);
    const [root] = article.all("html");
    const [element] = article.all("article");
    expect(root?.attribs).toMatchObject({ lang: "en" });
    expect(root?.attribs.dir).toBeUndefined();
    expect(element?.attribs).toMatchObject({ lang: "ar", dir: "rtl" });
    for (const label of ["meta", "byline", "tags"]) {
      expect({ label, ...article.withClass(label)[0]?.attribs }).toMatchObject({
        label,
        lang: "en",
        dir: "ltr",
      });
    }
    const [byline] = article.withClass("byline");
    if (byline === undefined) throw new Error("no byline");
    expect(
      linksIn(byline).map((link) => [text(link), link.attribs.lang, link.attribs.dir]),
    ).toEqual([["سارة", "ar", "rtl"]]);
    const home = await page(`${baseUrl}/`);
    const headline = home.all("h2").find((h2) => text(h2) === "عنوان الخبر");
    expect(headline?.attribs).toMatchObject({ lang: "ar", dir: "rtl" });
  });

  it("list articles with a thumbnail when they have an image", async () => {
    const { baseUrl } = await newsroom();
    const home = await page(`${baseUrl}/`);
    const thumbnails = home.withClass("thumb");
    expect(thumbnails.map((img) => img.attribs)).toEqual([
      {
        class: "thumb",
        src: `${baseUrl}/media/budget.jpg`,
        alt: "",
        loading: "lazy",
        width: "1200",
        height: "800",
      },
    ]);
    expect(home.all("li")).toHaveLength(4);
  });

  it("keep an archive: the months newest first, and every article of a month on its page", async () => {
    const dir = await makeArticlesDir(
      Object.fromEntries(
        [1, 2, 3, 4].map((day) => [
          `m${day}.md`,
          markdownArticle({ title: `March ${day}`, published: `2026-03-0${day}T08:00:00Z` }),
        ]),
      ),
    );
    await import("node:fs/promises").then(({ writeFile }) =>
      writeFile(
        `${dir}/feb.md`,
        markdownArticle({ title: "February", published: "2026-02-27T08:00:00Z" }),
      ),
    );
    // Feeds and the home page hold two articles; the month's page holds all of its four.
    const { baseUrl } = await startTestServer(dir, { site: testSite({ feedSize: 2 }) });
    expect((await page(`${baseUrl}/`)).all("li")).toHaveLength(2);
    const archive = await page(`${baseUrl}/archive/`);
    expect(archive.all("li").map(text)).toEqual([
      "March 2026: 4 articles",
      "February 2026: 1 article",
    ]);
    const march = await page(`${baseUrl}/archive/2026-03/`);
    expect(march.all("h2").map(text)).toEqual(["March 4", "March 3", "March 2", "March 1"]);
    const alternates = march.all("link").filter((link) => link.attribs.rel === "alternate");
    const found = [];
    for (const link of alternates) {
      const response = await fetch(link.attribs.href ?? "");
      found.push([link.attribs.href, response.status, response.headers.get("content-type")]);
    }
    expect(found).toEqual([
      [`${baseUrl}/archive/2026-03/rss.xml`, 200, "application/rss+xml; charset=utf-8"],
      [`${baseUrl}/archive/2026-03/atom.xml`, 200, "application/atom+xml; charset=utf-8"],
      [`${baseUrl}/archive/2026-03/feed.json`, 200, "application/feed+json; charset=utf-8"],
      [`${baseUrl}/feeds.opml`, 200, "text/x-opml; charset=utf-8"],
    ]);
    const [months] = march.withClass("months");
    expect(months === undefined ? [] : linksIn(months).map((link) => link.attribs.href)).toEqual([
      `${baseUrl}/archive/2026-02/`,
      `${baseUrl}/archive/`,
    ]);
  });

  it("give the 404 page no canonical URL and ask search engines not to index it", async () => {
    const { baseUrl } = await newsroom();
    const response = await fetch(`${baseUrl}/nowhere`);
    const found = parse(await response.text());
    expect(found.all("link").filter((link) => link.attribs.rel === "canonical")).toEqual([]);
    expect(found.all("meta").find((meta) => meta.attribs.name === "robots")?.attribs.content).toBe(
      "noindex",
    );
  });
});

describe("/feeds/", () => {
  it("explains a feed, and gives each feed a copy button and links that open it in readers", async () => {
    const { baseUrl } = await newsroom();
    const feeds = await page(`${baseUrl}/feeds/`);
    const [main] = feeds.all("main");
    if (main === undefined) throw new Error("no main");
    expect(text(main)).toContain("A feed is an address that a feed reader checks for you");
    const sections = DomUtils.findAll((e) => e.name === "section", [main]);
    // The site, three tags and three authors.
    expect(sections).toHaveLength(7);
    for (const section of sections) {
      const buttons = DomUtils.findAll((e) => e.name === "button", [section]);
      const [code] = DomUtils.findAll((e) => e.name === "code", [section]);
      const address = code === undefined ? "" : text(code);
      expect(address).toMatch(new RegExp(`^${baseUrl}/(?:.+/)?rss\\.xml$`));
      expect(buttons.map((button) => button.attribs["data-copy"])).toEqual([address]);
      const hrefs = linksIn(section).map((link) => link.attribs.href);
      expect(hrefs).toEqual(
        expect.arrayContaining([
          `feed:${address}`,
          `https://feedly.com/i/subscription/feed/${encodeURIComponent(address)}`,
          `https://www.inoreader.com/?add_feed=${encodeURIComponent(address)}`,
          address,
          address.replace(/rss\.xml$/, "atom.xml"),
          address.replace(/rss\.xml$/, "feed.json"),
        ]),
      );
    }
  });

  it("names every link and button distinctly, so no two sound alike to a screen reader", async () => {
    const { baseUrl } = await newsroom();
    const feeds = await page(`${baseUrl}/feeds/`);
    const hrefsByName = new Map<string, Set<string>>();
    for (const link of feeds.all("a")) {
      const name = text(link);
      const hrefs = hrefsByName.get(name) ?? new Set();
      hrefs.add(link.attribs.href ?? "");
      hrefsByName.set(name, hrefs);
    }
    const ambiguous = [...hrefsByName].filter(([, hrefs]) => hrefs.size > 1).map(([name]) => name);
    expect(ambiguous).toEqual([]);
    const buttons = feeds.all("button").map(text);
    expect(new Set(buttons).size).toBe(buttons.length);
    expect(buttons).toContain("Copy the address of Tag: World News (RSS)");
  });

  it("loads the copy buttons' script from a URL named after its bytes, cached for a year", async () => {
    const { baseUrl } = await newsroom();
    const [script] = (await page(`${baseUrl}/feeds/`)).all("script");
    const src = script?.attribs.src ?? "";
    const match = /\/assets\/copy-buttons\.([\w-]{12})\.js$/.exec(src);
    expect(match).not.toBeNull();
    const response = await fetch(src);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000");
    const body = Buffer.from(await response.arrayBuffer());
    expect(createHash("sha256").update(body).digest("base64url").slice(0, 12)).toBe(match?.[1]);
    // Only /feeds/ loads a script.
    expect((await page(`${baseUrl}/`)).all("script")).toEqual([]);
  });
});

describe("the favicon", () => {
  it("is linked from every page and served as SVG, and as ICO at /favicon.ico", async () => {
    const { baseUrl } = await newsroom();
    const home = await page(`${baseUrl}/`);
    const icon = home.all("link").find((link) => link.attribs.rel === "icon");
    expect(icon?.attribs).toMatchObject({ type: "image/svg+xml", href: `${baseUrl}/favicon.svg` });
    const svg = await fetch(`${baseUrl}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(parse(await svg.text()).all("svg")[0]?.attribs.viewbox).toBe("0 0 32 32");
    const ico = await fetch(`${baseUrl}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get("content-type")).toBe("image/x-icon");
    const bytes = Buffer.from(await ico.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), one image; its entry: 32×32, PNG data at offset 22.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([
      0, 1, 1,
    ]);
    expect([bytes[6], bytes[7], bytes.readUInt32LE(14), bytes.readUInt32LE(18)]).toEqual([
      32,
      32,
      bytes.length - 22,
      22,
    ]);
    const png = bytes.subarray(22);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([32, 32]);
  });
});
