// fast-check arbitraries for article text that breaks naive feed generators: any code point
// (astral ones too), lone UTF-16 surrogates, the characters XML 1.0 forbids, markup and entity
// look-alikes, right-to-left text, emoji, and now and then a very long string.
import { fc } from "@fast-check/vitest";
import { cleanText } from "../../src/xml-text.js";

/** Fragments that have broken feed generators, each kept whole so it reaches the renderers. */
export const nastyFragments: readonly string[] = [
  // C0 controls XML forbids, and the three it allows (tab, LF, CR, CRLF).
  "\u0000",
  "\u0001",
  "\u0008",
  "\u000B",
  "\u000C",
  "\u001B",
  "\u001F",
  "\t",
  "\n",
  "\r",
  "\r\n",
  // Non-characters XML forbids, and lone surrogates.
  "\uFFFE",
  "\uFFFF",
  "\uD800",
  "\uDBFF",
  "\uDC00",
  "\uDFFF",
  // Allowed by XML but discouraged (removed where text enters): DEL, C1 controls, NEL. Allowed
  // and often mishandled: no-break and zero-width spaces,
  // line and paragraph separators, a byte order mark, a combining accent.
  "\u007F",
  "\u0080",
  "\u0085",
  "\u009F",
  "\u00A0",
  "\u200B",
  "\u2028",
  "\u2029",
  "\uFEFF",
  "e\u0301",
  // Markup and entity look-alikes.
  "]]>",
  "<![CDATA[",
  "<!--",
  "-->",
  "&nbsp;",
  "&#1;",
  "&#x0;",
  "&amp;",
  "&lt;",
  "&",
  "&&",
  "<",
  ">",
  "<script>alert(1)</script>",
  '<a href="/relative?a=1&b=2">link</a>',
  "<b>",
  "</p>",
  '"',
  "'",
  "`",
  "\\",
  "C<&>",
  // What feed parsers take for contact details inside a name.
  "ana@news.example.com",
  "https://news.example.com/ana",
  "(Ana)",
  "<ana@news.example.com>",
  // Right-to-left text and direction marks.
  "مرحبا بالعالم",
  "שלום עולם",
  "\u200F",
  "\u202E",
  // Emoji: astral, a ZWJ sequence, a flag.
  "🦊",
  "👩🏽‍💻",
  "🇺🇦",
  // Markdown syntax.
  "# ",
  "* ",
  "**",
  "_",
  "[x](/y)",
  "---",
  "    ",
];

/** Any single UTF-16 code unit, so lone surrogates (which fc.string never makes) come up too. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** One piece of text: a fragment, arbitrary code points, printable graphemes or code units. */
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...nastyFragments), weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 12 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }), weight: 1 },
);

/** Short hostile text (up to ~100 code units). */
export const shortHostileText = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(""));

/** 5 000 to 20 000 code units: a hostile snippet repeated, or arbitrary code points. */
const longHostileText = fc.oneof(
  fc
    .tuple(shortHostileText, fc.integer({ min: 5_000, max: 20_000 }))
    .map(([text, length]) => (text === "" ? "x" : text).repeat(length).slice(0, length)),
  fc.string({ unit: "binary", minLength: 5_000, maxLength: 20_000, size: "max" }),
);

/** Hostile text, very long about once in fifty. */
export const hostileText = fc.oneof(
  { arbitrary: shortHostileText, weight: 49 },
  { arbitrary: longHostileText, weight: 1 },
);

/**
 * Hostile text that keeps something visible once cleaned and trimmed: titles, tags and author
 * names that are empty after cleaning are rejected by parseArticle by design.
 */
export const hostileName = hostileText.filter((text) => cleanText(text).trim() !== "");

/** What a front matter string becomes in the Article: cleaned where text enters, then trimmed. */
export function enteredText(text: string): string {
  return cleanText(text).trim();
}

/** What a front matter tag becomes: entered text on one line, each run of whitespace one space. */
export function enteredTag(text: string): string {
  return enteredText(text).replace(/\s+/g, " ");
}
