// Which way a language's text runs, from its BCP 47 tag: the script subtag when there is one
// (az-Arab, pa-Arab), else the languages whose usual script is written right to left. (ICU's
// Intl.Locale textInfo is not used: Node 20's ICU calls az-Arab and Dhivehi left to right.)

export type TextDirection = "ltr" | "rtl";

const rightToLeftScripts = new Set([
  "arab",
  "hebr",
  "syrc",
  "thaa",
  "nkoo",
  "adlm",
  "rohg",
  "samr",
]);

const rightToLeftLanguages = new Set([
  "ar",
  "arc",
  "ckb",
  "dv",
  "fa",
  "he",
  "iw",
  "ks",
  "ps",
  "sd",
  "syr",
  "ug",
  "ur",
  "yi",
]);

export function textDirection(languageTag: string): TextDirection {
  const [language = "", ...subtags] = languageTag.toLowerCase().split("-");
  const script = subtags.find((subtag) => /^[a-z]{4}$/.test(subtag));
  if (script !== undefined) return rightToLeftScripts.has(script) ? "rtl" : "ltr";
  return rightToLeftLanguages.has(language) ? "rtl" : "ltr";
}
