// Text that breaks naive feed generators stays well-formed in every format and reads back intact.
import { describe, expect, it } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { buildSite } from "../../src/renditions/site/build-site.js";
import { validateRenderedFeed } from "../../src/validate/index.js";
import { makeArticlesDir } from "../support/articles-dir.js";
import { testSite, testSiteUrl } from "../support/site.js";
import { xmlTexts } from "../support/xml.js";

const control = "\u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF";
const entities = "&nbsp; &#1; &#x0; &amp;";
const hostileTitle = `Ends]]>twice]]> <&"' ${control}emoji 🦊 عربي ${entities}`;
const hostileTag = `C<&>"'${control}${entities}`;
const hostileBody = `First ]]> paragraph with <b>bold</b> & "quotes" ${control} and 🦊.\n\nعربي: مرحبا بالعالم ]]>`;
const expectedTitle = `Ends]]>twice]]> <&"' emoji 🦊 عربي ${entities}`;
const expectedTag = `C<&>"'${entities}`;

async function hostileSite() {
  const frontMatter = JSON.stringify({
    published: "2026-03-01T10:00:00Z",
    title: hostileTitle,
    tags: [hostileTag],
  });
  const dir = await makeArticlesDir({
    "hostile.txt": `---\n${frontMatter}\n---\nTitle line\n\n${hostileBody}\n`,
  });
  const site = testSite();
  const loaded = await loadArticles(dir, { idPrefix: site.idPrefix });
  expect(loaded.problems).toEqual([]);
  return buildSite(loaded.articles, loaded.problems, {
    site,
    siteUrl: testSiteUrl,
    validate: validateRenderedFeed,
  });
}

function body(site: Awaited<ReturnType<typeof hostileSite>>, path: string): string {
  const rendition = site.renditions.get(path);
  if (rendition === undefined) throw new Error(`no rendition at ${path}`);
  return rendition.body.toString("utf8");
}

describe("hostile article text", () => {
  it("RSS stays well-formed and reads back without the forbidden characters", async () => {
    const rss = body(await hostileSite(), "/rss.xml");
    // Readers that take an RSS title for HTML must not read the entity-like text as entities:
    // each "&" that opens one is HTML-escaped; the lone "<" and "&" stay as typed.
    expect(xmlTexts(rss, "/rss/channel/item/title")).toEqual([
      `Ends]]>twice]]> <&"' emoji 🦊 عربي &amp;nbsp; &amp;#1; &amp;#x0; &amp;amp;`,
    ]);
    expect(xmlTexts(rss, "/rss/channel/item/category")).toEqual([expectedTag]);
    const [content] = xmlTexts(rss, "/rss/channel/item/content:encoded");
    expect(content).toContain(
      "First ]]&gt; paragraph with &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;  and 🦊.",
    );
    expect(content).toContain("عربي: مرحبا بالعالم ]]&gt;");
  });

  it("Atom stays well-formed and reads back without the forbidden characters", async () => {
    const atom = body(await hostileSite(), "/atom.xml");
    expect(xmlTexts(atom, "/atom:feed/atom:entry/atom:title")).toEqual([expectedTitle]);
    expect(xmlTexts(atom, "/atom:feed/atom:entry/atom:category/@term")).toEqual([expectedTag]);
  });

  it("JSON Feed parses and reads back without the forbidden characters", async () => {
    const json = JSON.parse(body(await hostileSite(), "/feed.json"));
    expect(json.items[0].title).toBe(expectedTitle);
    expect(json.items[0].tags).toEqual([expectedTag]);
    expect(json.items[0].content_html).toContain("عربي: مرحبا بالعالم ]]&gt;");
  });

  it("the article page escapes the title and body", async () => {
    const page = body(await hostileSite(), "/articles/hostile");
    expect(page).toContain(
      "<h1>Ends]]&gt;twice]]&gt; &lt;&amp;&quot;&#39; emoji 🦊 عربي &amp;nbsp; &amp;#1; &amp;#x0; &amp;amp;</h1>",
    );
    expect(page).not.toContain("<b>bold</b>");
  });
});
