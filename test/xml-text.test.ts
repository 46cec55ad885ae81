import { describe, expect, it } from "vitest";
import { cleanStrings, cleanText } from "../src/xml-text.js";

describe("cleanText", () => {
  it("removes the characters XML 1.0 forbids and keeps tab and line breaks", () => {
    expect(cleanText("a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFFg\th\ni")).toBe("abcdefg\th\ni");
  });

  it("removes DEL and the C1 controls, which XML 1.0 asks documents to avoid", () => {
    expect(cleanText("caf\u0080e \u0085next\u009F \u007Fend")).toBe("cafe next end");
  });

  it("keeps the characters next to that range and everything an author types", () => {
    const typed = "~\u00A0\u00A9 é\u0301 \u200B\u2028 \u{1F4F0} \uFFFD";
    expect(cleanText(typed)).toBe(typed);
  });

  it("drops lone surrogates and keeps pairs", () => {
    expect(cleanText("a\uD800b\uDC00c\uD83D\uDCF0")).toBe("abc\uD83D\uDCF0");
  });

  it("turns CRLF and lone CR into LF", () => {
    expect(cleanText("a\r\nb\rc")).toBe("a\nb\nc");
  });

  it("cleans every string, key and value, inside parsed front matter", () => {
    expect(cleanStrings({ "t\u0085": ["x\u0000", 3, { y: "z\u0090" }] })).toEqual({
      t: ["x", 3, { y: "z" }],
    });
  });
});
