// Text enters wirefeed here: characters XML 1.0 cannot carry, or asks documents to avoid, are removed once,
// so every later stage (renderers, pages, the validator) sees text that any format can hold.

// C0 controls other than tab, LF and CR; U+FFFE and U+FFFF. Also DEL and the C1 controls
// (U+007F-U+009F): XML 1.0 (section 2.2) allows them but asks documents to avoid them, HTML counts
// them as parse errors, and in news text they are nearly always windows-1252 bytes decoded wrongly,
// which no reader shows as anything an author typed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching these characters is the point
const unfitForXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Returns the text without the characters XML 1.0 forbids (U+0000-U+001F except tab, LF, CR;
 * U+FFFE, U+FFFF; lone surrogates) or discourages (DEL and the C1 controls, U+007F-U+009F), with CRLF and lone CR turned into LF as XML parsers do.
 */
export function cleanText(text: string): string {
  // isWellFormed() is native and fast; the look-around pattern only runs when it says no.
  const paired = text.isWellFormed() ? text : text.replace(loneSurrogate, "");
  return paired.replace(unfitForXml, "").replace(/\r\n?/g, "\n");
}

/** Applies cleanText to every string inside a parsed YAML/JSON value. */
export function cleanStrings(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [cleanText(key), cleanStrings(inner)]),
    );
  }
  return value;
}
