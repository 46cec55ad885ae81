// Single-fault edits of a valid document. Each edit must find its target: an edit that changes
// nothing would make a negative test pass for the wrong reason, so it throws instead.

function withFlags(pattern: RegExp, global: boolean): RegExp {
  const flags = pattern.flags.replace("g", "");
  return new RegExp(pattern.source, global ? `${flags}g` : flags);
}

function ensureFound(text: string, target: string | RegExp): void {
  const found =
    typeof target === "string" ? text.includes(target) : withFlags(target, false).test(text);
  if (!found) throw new Error(`edit target not found: ${String(target)}`);
}

/** Replaces the first match of `target`; throws when there is none. */
export function replaceFirst(text: string, target: string | RegExp, replacement: string): string {
  ensureFound(text, target);
  return typeof target === "string"
    ? text.replace(target, replacement)
    : text.replace(withFlags(target, false), replacement);
}

/** Replaces every match of `target`; throws when there is none. */
export function replaceEvery(text: string, target: string | RegExp, replacement: string): string {
  ensureFound(text, target);
  return typeof target === "string"
    ? text.replaceAll(target, replacement)
    : text.replace(withFlags(target, true), replacement);
}

/** Replaces the n-th (1-based) match of a regular expression; throws when there is none. */
export function replaceNth(text: string, target: RegExp, n: number, replacement: string): string {
  const matches = [...text.matchAll(withFlags(target, true))];
  const match = matches[n - 1];
  if (match === undefined) throw new Error(`edit target ${n} not found: ${String(target)}`);
  return text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length);
}

/** Inserts `insertion` right after the first occurrence of `anchor`; throws when there is none. */
export function insertAfter(text: string, anchor: string, insertion: string): string {
  return replaceFirst(text, anchor, `${anchor}${insertion}`);
}
