// The one rule for faults in an article file's front matter: which refuse the article and which
// are cleaned, published and warned of. A fault refuses the article only when it leaves the
// article unidentifiable or undatable, or could publish what must not be published: no title, a
// missing or bad `published` (or `updated`, `expires`), a bad `id` or `slug`, `access`,
// `corrections`, `retracted`, and the episode's fields. Everything else is cosmetic: an empty or
// repeated tag or author, padding around a value, an empty value, an unknown key, a bad value in
// `tags`, `author`, `image`, `source` or `language`. Each is cleaned (an empty or repeated entry
// dropped, padding trimmed, an unknown key ignored, a bad field left out) and named with its
// field in a warning, which says what was wrong, not what was done.
import type { z } from "zod";
import { describeIssues, type FrontMatter, frontMatterSchema } from "./front-matter.js";

export type FrontMatterCheck =
  | { meta: FrontMatter; warnings: string[] }
  | { refusals: string[]; warnings: string[] };

/** Fields whose bad value is left out with a warning instead of refusing the article. */
const leftOutWhenBad = new Set(["tags", "author", "image", "source", "language"]);

/** Fields an empty value (null, or only spaces) is taken as absent for. */
const absentWhenEmpty = new Set([...leftOutWhenBad, "slug"]);

const knownKeys = new Set(Object.keys(frontMatterSchema.shape));

/** At most this many names are listed in one warning; the rest are counted. */
const namesListed = 10;

function listNames(names: readonly string[]): string {
  const listed = names
    .slice(0, namesListed)
    .map((name) => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name))
    .join(", ");
  const rest = names.length - namesListed;
  return rest > 0 ? `${listed} and ${rest.toLocaleString("en")} more` : listed;
}

/** A one-line value with spaces or tabs around it (a block scalar's final newline is no fault). */
function isPadded(text: string): boolean {
  return text !== text.trim() && text.trim() !== "" && !text.includes("\n");
}

/**
 * Trims a tag: a one-line label (and an XML attribute in Atom, where a reader would turn each tab
 * or line break into a space anyway), so runs of whitespace become one space.
 */
function tidyLabel(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

/**
 * A list of labels (tags, or author names) with the empty ones dropped, padding removed and
 * repeats (compared case-insensitively) dropped, each noted in `warnings`.
 */
function tidyList(field: string, entries: readonly unknown[], warnings: string[]): unknown[] {
  const seen = new Map<string, string>();
  const kept: unknown[] = [];
  entries.forEach((entry, i) => {
    const at = `${field}.${i}`;
    const name =
      typeof entry === "string"
        ? entry
        : typeof entry === "number"
          ? String(entry)
          : typeof entry === "object" && entry !== null && "name" in entry
            ? entry.name
            : undefined;
    if (entry === null || (typeof name === "string" && name.trim() === "")) {
      warnings.push(`${at}: empty`);
      return;
    }
    if (typeof name !== "string") {
      kept.push(entry);
      return;
    }
    const label = field === "tags" ? tidyLabel(name) : name.trim();
    if (isPadded(name)) warnings.push(`${at}: spaces around "${label}"`);
    const key = label.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      warnings.push(`${at}: "${label}" repeats "${first}"`);
      return;
    }
    seen.set(key, label);
    kept.push(typeof entry === "object" ? { ...entry, name: label } : label);
  });
  return kept;
}

/** Removes unknown keys, empty values and padding, and tidies tags and authors. */
function tidy(raw: Record<string, unknown>, warnings: string[]): Record<string, unknown> {
  const unknown = Object.keys(raw).filter((key) => !knownKeys.has(key));
  if (unknown.length > 0) {
    const noun = unknown.length === 1 ? "key" : `keys (${unknown.length.toLocaleString("en")})`;
    warnings.push(`front matter: unknown ${noun} ${listNames(unknown)}`);
  }
  const tidied: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!knownKeys.has(key)) continue;
    if (typeof value === "string" && isPadded(value) && key !== "summary")
      warnings.push(`${key}: spaces around the value`);
    const text = typeof value === "string" && key !== "summary" ? value.trim() : value;
    if (absentWhenEmpty.has(key) && (text === null || text === "")) {
      warnings.push(`${key}: empty`);
      continue;
    }
    if (key === "tags" && typeof text === "string") {
      warnings.push("tags: one name, not a list");
      tidied[key] = tidyList(key, [text], warnings);
    } else if ((key === "tags" || key === "author") && Array.isArray(text)) {
      tidied[key] = tidyList(key, text, warnings);
    } else {
      tidied[key] = text;
    }
  }
  return tidied;
}

function fieldOf(issue: z.core.$ZodIssue): string {
  return String(issue.path[0] ?? "");
}

/**
 * Checks the front matter of one file (already cleaned of characters XML forbids): the front
 * matter to publish with its warnings, or the refusals (with the warnings beside them).
 */
export function checkFrontMatter(raw: Record<string, unknown>): FrontMatterCheck {
  const warnings: string[] = [];
  const tidied = tidy(raw, warnings);
  const first = frontMatterSchema.safeParse(tidied);
  if (first.success) return { meta: first.data, warnings };
  const refusing = first.error.issues.filter((issue) => !leftOutWhenBad.has(fieldOf(issue)));
  const leftOut = first.error.issues.filter((issue) => leftOutWhenBad.has(fieldOf(issue)));
  warnings.push(...describeIssues({ issues: leftOut }));
  if (refusing.length > 0) return { refusals: describeIssues({ issues: refusing }), warnings };
  for (const issue of leftOut) delete tidied[fieldOf(issue)];
  const second = frontMatterSchema.safeParse(tidied);
  if (second.success) return { meta: second.data, warnings };
  return { refusals: describeIssues(second.error), warnings };
}
