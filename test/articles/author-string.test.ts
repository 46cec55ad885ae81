import { describe, expect, it } from "vitest";
import { authorFromString } from "../../src/articles/author-string.js";

describe("authorFromString", () => {
  it("takes the address out of a name written as mail headers write it", () => {
    expect(authorFromString("Ana Ruiz <ana@news.example.com>")).toEqual({
      name: "Ana Ruiz",
      email: "ana@news.example.com",
    });
    expect(authorFromString('"Ruiz, Ana" <ana@news.example.com>')).toEqual({
      name: "Ruiz, Ana",
      email: "ana@news.example.com",
    });
    expect(authorFromString("<ana@news.example.com>")).toEqual({ name: "ana@news.example.com" });
  });

  it("keeps any other text as the name", () => {
    for (const name of ["Ana Ruiz", "AT&T <b>desk</b>", "Bo <not an address>", "a <b@c>"])
      expect(authorFromString(name)).toEqual({ name });
  });
});
