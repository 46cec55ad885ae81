// Feeds per tag and per author, the OPML list, the feeds page, and lead images, through the server.
import { describe, expect, it } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { startTestServer } from "../support/server.js";
import { assertWellFormed, xmlTexts } from "../support/xml.js";

async function sectionServer() {
  const dir = await makeArticlesDir(
    {
      "budget.md": markdownArticle(
        {
          title: "Budget",
          published: "2026-02-01T08:00:00Z",
          tags: ["World News", "Economy & Politics", "C++/Rust", "عربي"],
          author: ["Ana Ruiz"],
          image: {
            url: "/media/budget.jpg",
            caption: "The minister",
            width: 1200,
            height: 800,
            type: "image/jpeg",
          },
        },
        "See [the chart](charts/1.png).",
      ),
      "storm.md": markdownArticle({
        title: "Storm",
        published: "2026-02-02T08:00:00Z",
        tags: ["world news"],
      }),
    },
    { withSeed: true },
  );
  return startTestServer(dir);
}

const sectionPaths = {
  "World News": "/tags/world-news/",
  "Economy & Politics": "/tags/economy-%26-politics/",
  "C++/Rust": "/tags/c%2B%2B-rust/",
  عربي: "/tags/%D8%B9%D8%B1%D8%A8%D9%8A/",
  "Ana Ruiz": "/authors/ana-ruiz/",
} as const;

describe("tag and author feeds", () => {
  it("serve each section in three formats, at URL-safe paths, with the main feed's item ids", async () => {
    const { baseUrl } = await sectionServer();
    const mainJson = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
      items: Array<{ id: string; title: string }>;
    };
    const mainIds = new Map(mainJson.items.map((item) => [item.title, item.id]));
    for (const [name, basePath] of Object.entries(sectionPaths)) {
      const rss = await fetch(`${baseUrl}${basePath}rss.xml`);
      expect(rss.status, name).toBe(200);
      expect(rss.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
      const rssText = await rss.text();
      // A section is named as the newest article that carries it writes it ("world news").
      expect(xmlTexts(rssText, "/rss/channel/title")[0]?.toLowerCase()).toBe(
        `example news: ${name.toLowerCase()}`,
      );
      const atom = await (await fetch(`${baseUrl}${basePath}atom.xml`)).text();
      assertWellFormed(atom);
      const json = (await (await fetch(`${baseUrl}${basePath}feed.json`)).json()) as {
        feed_url: string;
        items: Array<{ id: string; title: string }>;
      };
      expect(json.feed_url).toBe(`${baseUrl}${basePath}feed.json`);
      for (const item of json.items) expect(item.id).toBe(mainIds.get(item.title));
      expect(xmlTexts(rssText, "/rss/channel/item/guid")).toEqual(
        json.items.map((item) => item.id),
      );
    }
    // "World News" and "world news" are one section, newest first.
    const world = (await (await fetch(`${baseUrl}/tags/world-news/feed.json`)).json()) as {
      items: Array<{ title: string }>;
    };
    expect(world.items.map((item) => item.title)).toEqual(["Storm", "Budget"]);
  });

  it("answers 404 for an unknown tag or author", async () => {
    const { baseUrl } = await sectionServer();
    expect((await fetch(`${baseUrl}/tags/nothing/rss.xml`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/authors/nobody/feed.json`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/tags/nothing/`)).status).toBe(404);
  });

  it("give each section a page that offers its own feeds for autodiscovery", async () => {
    const { baseUrl } = await sectionServer();
    const page = await fetch(`${baseUrl}/tags/economy-%26-politics/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Tag: Economy &amp; Politics</h1>");
    for (const [type, file] of [
      ["application/rss+xml", "rss.xml"],
      ["application/atom+xml", "atom.xml"],
      ["application/feed+json", "feed.json"],
    ]) {
      expect(html).toContain(`type="${type}" title="Tag: Economy &amp; Politics`);
      expect(html).toContain(`href="${baseUrl}/tags/economy-%26-politics/${file}"`);
    }
    expect(html).toContain(`<link rel="alternate" type="text/x-opml"`);
  });
});

describe("the list of feeds", () => {
  it("/feeds.opml is an OPML 2.0 subscription list of every public feed, found from every page", async () => {
    const { baseUrl } = await sectionServer();
    const response = await fetch(`${baseUrl}/feeds.opml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/x-opml; charset=utf-8");
    const opml = await response.text();
    expect(xmlTexts(opml, "/opml/@version")).toEqual(["2.0"]);
    const xmlUrls = xmlTexts(opml, "/opml/body/outline/@xmlUrl");
    // The main feed, then tags and authors, each by slug.
    expect(xmlUrls).toEqual(
      [
        "/",
        "/tags/%D8%B9%D8%B1%D8%A8%D9%8A/",
        "/tags/c%2B%2B-rust/",
        "/tags/economy-%26-politics/",
        "/tags/iraq/",
        "/tags/russia/",
        "/tags/syria/",
        "/tags/world-news/",
        "/authors/ana-ruiz/",
      ].map((basePath) => `${baseUrl}${basePath}rss.xml`),
    );
    for (const url of xmlUrls) expect((await fetch(url)).status).toBe(200);
    expect(xmlTexts(opml, "/opml/body/outline/@type")).toEqual(xmlUrls.map(() => "rss"));
    const home = await (await fetch(`${baseUrl}/`)).text();
    expect(home).toContain(
      `<link rel="alternate" type="text/x-opml" title="Example News: all feeds (OPML)" href="${baseUrl}/feeds.opml">`,
    );
    const feedsPage = await (await fetch(`${baseUrl}/feeds/`)).text();
    expect(feedsPage).toContain(
      `<a href="${baseUrl}/tags/world-news/atom.xml">Atom<span class="visually-hidden"> of Tag: world news</span></a>`,
    );
  });
});

describe("lead images", () => {
  it("become media:content and media:thumbnail in RSS and Atom, image in JSON Feed, and a figure on the page", async () => {
    const { baseUrl } = await sectionServer();
    const image = `${baseUrl}/media/budget.jpg`;
    const rss = await (await fetch(`${baseUrl}/rss.xml`)).text();
    const item = "/rss/channel/item[title='Budget']";
    expect(xmlTexts(rss, `${item}/media:content/@url`)).toEqual([image]);
    expect(xmlTexts(rss, `${item}/media:content/@medium`)).toEqual(["image"]);
    expect(xmlTexts(rss, `${item}/media:content/@width`)).toEqual(["1200"]);
    expect(xmlTexts(rss, `${item}/media:content/media:title`)).toEqual(["The minister"]);
    expect(xmlTexts(rss, `${item}/media:thumbnail/@url`)).toEqual([image]);
    const [content] = xmlTexts(rss, `${item}/content:encoded`);
    expect(content).toContain(`href="${baseUrl}/articles/charts/1.png"`);
    const atom = await (await fetch(`${baseUrl}/atom.xml`)).text();
    expect(
      xmlTexts(atom, "/atom:feed/atom:entry[atom:title='Budget']/media:content/@type"),
    ).toEqual(["image/jpeg"]);
    const json = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
      items: Array<{ title: string; image?: string }>;
    };
    expect(json.items.find((entry) => entry.title === "Budget")?.image).toBe(image);
    const page = await (await fetch(`${baseUrl}/articles/budget`)).text();
    expect(page).toContain(
      `<figure><img src="${image}" alt="The minister" width="1200" height="800"><figcaption>The minister</figcaption></figure>`,
    );
  });
});
