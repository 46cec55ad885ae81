// Summaries come from the first paragraph of body text: a story that opens with its lead image,
// a figure or a heading is summarised by its first real paragraph, never by a caption.
import { describe, expect, it } from "vitest";
import { parseArticle } from "../../src/articles/parse.js";
import { markdownArticle } from "../support/articles-dir.js";

const options = { idPrefix: "tag:news.example.com,2026:article/" };
const meta = { title: "Flood", published: "2026-03-01T08:00:00Z" };
const lead = "Rivers burst their banks overnight.";

function summaryOf(body: string, extra: Record<string, unknown> = {}, file = "x.md") {
  return parseArticle(file, markdownArticle({ ...meta, ...extra }, body), options).summary;
}

describe("a summary derived from the body", () => {
  it("is the first paragraph of an ordinary story", () => {
    expect(summaryOf(`${lead}\n\nMore later.`)).toBe(lead);
  });

  it.each([
    [
      "a picture, then a caption in emphasis",
      `![Flooded street](/img/flood.jpg)\n\n*The high street at dawn.*\n\n${lead}`,
    ],
    [
      "a picture with its caption beside it",
      `![Flooded street](/img/flood.jpg) The high street at dawn.\n\n${lead}`,
    ],
    [
      "a linked picture, then a credit line",
      `[![Street](/img/s.jpg)](/img/big.jpg)\n\nPhoto: Reuters\n\n${lead}`,
    ],
    [
      "an HTML figure with its caption",
      `<figure><img src="/img/f.jpg" alt=""><figcaption>The high street.</figcaption></figure>\n\n${lead}`,
    ],
    [
      "an HTML picture, then a caption in bold",
      `<img src="/img/f.jpg" alt="">\n\n**Photo by Ana Ruiz**\n\n${lead}`,
    ],
    ["a heading", `## Overnight\n\n${lead}`],
    [
      "a heading, a picture and its caption",
      `# Flood\n\n![x](/img/x.jpg)\n\n_Credit: AP_\n\n${lead}`,
    ],
  ])("skips %s", (_name, body) => {
    expect(summaryOf(body)).toBe(lead);
  });

  it("skips a paragraph that repeats the lead image's caption", () => {
    const image = { url: "/img/flood.jpg", caption: "The high street at dawn." };
    expect(summaryOf(`The high street  at dawn.\n\n${lead}`, { image })).toBe(lead);
  });

  it("keeps an emphasized paragraph that follows no picture: it is body text", () => {
    expect(summaryOf(`*${lead}*\n\nMore later.`)).toBe(lead);
  });

  it("is absent when the body holds nothing but a picture and its caption", () => {
    expect(summaryOf("![x](/img/x.jpg)\n\n*A caption.*")).toBeUndefined();
  });

  it("in scraped text, is not the caption given in front matter", () => {
    const text = `---\n${JSON.stringify({
      published: "2026-03-01T08:00:00Z",
      image: { caption: "The high street at dawn." },
    })}\n---\nFlood\nWritten by:\n\nThe high street at dawn.\n\n${lead}\n`;
    const article = parseArticle("x.txt", text, options);
    expect(article.summary).toBe(lead);
  });

  it("never replaces a summary the front matter gives", () => {
    expect(summaryOf(`![x](/img/x.jpg)\n\n*Caption.*\n\n${lead}`, { summary: "Given." })).toBe(
      "Given.",
    );
  });
});
