// What the sanitizer leaves after removing hostile markup: no image without a source, an alt on
// every image it keeps, no link without an href, no empty paragraph and no figure without media.
import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { sanitizeArticleHtml } from "../../src/articles/html-body.js";

function elements(html: string, name: string) {
  return DomUtils.findAll((element) => element.name === name, parseDocument(html).children);
}

describe("the sanitizer leaves no debris", () => {
  it("drops images whose source was removed or never given, with or without alt", () => {
    const html = sanitizeArticleHtml(
      '<p>a<img src="javascript:alert(1)" alt="x">b<img onerror="alert(2)">c<img src="">d</p>',
    );
    expect(elements(html, "img")).toEqual([]);
    expect(html).toBe("<p>abcd</p>");
  });

  it("keeps images with a usable src or srcset and gives each an alt, empty when none was typed", () => {
    const html = sanitizeArticleHtml(
      '<img src="https://example.org/a.jpg"><img src="b.png" alt="A chart"><img srcset="https://example.org/c.jpg 2x">',
    );
    expect(elements(html, "img").map((img) => [img.attribs.src, img.attribs.alt])).toEqual([
      ["https://example.org/a.jpg", ""],
      ["b.png", "A chart"],
      [undefined, ""],
    ]);
    expect(html).toContain('alt=""');
  });

  it("unwraps links whose href was removed, keeping their text and markup", () => {
    const html = sanitizeArticleHtml(
      '<p><a href="javascript:alert(1)"><b>click</b> me</a> and <a href="https://example.org/">a link</a> and <a name="x">an anchor</a></p>',
    );
    expect(html).toBe(
      '<p><b>click</b> me and <a href="https://example.org/">a link</a> and an anchor</p>',
    );
  });

  it("drops a link's hostile image and unwraps the link around it", () => {
    expect(sanitizeArticleHtml('<a href="vbscript:x"><img src="javascript:y">text</a>')).toBe(
      "text",
    );
  });

  it("drops a paragraph left empty and a figure left with its caption alone", () => {
    expect(sanitizeArticleHtml('<p><img src="  "></p><p> <script>x</script> </p><p>kept</p>')).toBe(
      "<p>kept</p>",
    );
    expect(
      sanitizeArticleHtml('<figure><img src="javascript:x"><figcaption>Cap</figcaption></figure>'),
    ).toBe("");
  });

  it("keeps paragraphs and figures whose media survive, however deep", () => {
    const figure =
      '<figure><a href="https://example.org/"><img src="https://example.org/a.jpg" alt="" /></a><figcaption>Cap</figcaption></figure>';
    expect(sanitizeArticleHtml(figure)).toBe(figure);
    const unwrapped = sanitizeArticleHtml(
      '<p><a title="a long title that leaves with the tag"><img src="b.png"></a></p><p></p>',
    );
    expect(unwrapped).toBe('<p><img src="b.png" alt="" /></p>');
    expect(sanitizeArticleHtml('<p><b><a href="javascript:x">go</a></b></p>')).toBe(
      "<p><b>go</b></p>",
    );
    expect(
      sanitizeArticleHtml(
        '<figure><picture><source srcset="c.avif"><img src="c.jpg"></picture></figure>',
      ),
    ).toContain("<picture>");
    expect(sanitizeArticleHtml('<p><audio src="d.mp3" controls></audio></p>')).toContain("<audio");
  });
});
