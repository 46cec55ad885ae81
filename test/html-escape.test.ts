// HTML escaping of plain text: all of it (escapeHtml), or only what reads as markup
// (escapeMarkupLikeText, for RSS titles).
import { describe, expect, it } from "vitest";
import { escapeHtml, escapeMarkupLikeText } from "../src/html-escape.js";

describe("escapeMarkupLikeText", () => {
  it("escapes a < that opens a tag, a comment or a declaration", () => {
    expect(escapeMarkupLikeText("AT&T <b>bold</b> move")).toBe("AT&T &lt;b>bold&lt;/b> move");
    expect(escapeMarkupLikeText("<!-- x --> <?php")).toBe("&lt;!-- x --> &lt;?php");
  });

  it("escapes a & that opens a character reference", () => {
    expect(escapeMarkupLikeText("&amp; &nbsp; &#1; &#x26;")).toBe(
      "&amp;amp; &amp;nbsp; &amp;#1; &amp;#x26;",
    );
  });

  it("leaves every other character as typed", () => {
    expect(escapeMarkupLikeText(`AT&T, 1 < 2, a > b, "q" 'q' & more`)).toBe(
      `AT&T, 1 < 2, a > b, "q" 'q' & more`,
    );
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that can end a text node or an attribute value", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});
