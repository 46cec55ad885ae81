// An article's Markdown body as sanitized HTML, with the summary taken from its first paragraph.
// Block quotes and lists nested past a bound are refused before anything is rendered: the
// Markdown parser recurses once per level, and at a few thousand levels it overflows the stack
// (or, nested by indentation, runs for minutes), wherever it runs.
import { marked, type Token } from "marked";
import { cleanText } from "../xml-text.js";
import { sanitizeArticleHtml } from "./html-body.js";
import { firstBodyParagraph } from "./summary.js";

export interface RenderedBody {
  html: string;
  /** The first paragraph as plain text, for articles whose front matter gives no summary. */
  summary?: string;
}

/** Deepest nesting of block quotes and lists a body may have. */
export const maxMarkdownNesting = 100;

/** A block quote marker or a list item marker, with the indentation before it. */
const containerMarker = /^([ \t]*)(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

/** Columns of leading whitespace, a tab counting to the next multiple of four. */
function indentColumns(whitespace: string): number {
  let columns = 0;
  for (const char of whitespace)
    columns = char === "\t" ? columns + 4 - (columns % 4) : columns + 1;
  return columns;
}

/**
 * How deeply a line may nest: the quote and list markers it opens with, plus half the columns
 * they are indented by (a nested list item is indented at least two columns past its parent's).
 * It over-counts rather than under-counts, so a line under the bound is always safe to render.
 */
function lineNesting(line: string): number {
  let rest = line;
  let markers = 0;
  let indent = 0;
  for (let match = containerMarker.exec(rest); match !== null; match = containerMarker.exec(rest)) {
    indent += indentColumns(match[1] ?? "");
    markers += 1;
    rest = rest.slice(match[0].length);
  }
  return markers === 0 ? 0 : markers + Math.floor(indent / 2);
}

/** Why a body nests too deeply to be rendered, naming its line; undefined when it does not. */
export function markdownNestingProblem(markdown: string): string | undefined {
  let lineNumber = 0;
  for (const line of markdown.split("\n")) {
    lineNumber += 1;
    if (lineNesting(line) > maxMarkdownNesting) {
      return `body: block quotes or lists nested more than ${maxMarkdownNesting} levels deep (body line ${lineNumber}); refused`;
    }
  }
  return undefined;
}

function sanitizedHtmlOf(tokens: Token[]): string {
  return sanitizeArticleHtml(marked.parser(tokens));
}

/**
 * Renders a body as renderMarkdownBody does, as far as the work whose time depends on what the
 * text holds: marked's lexer and renderer and the sanitizer. What renderMarkdownBody does after
 * them (reading the first paragraph from the tokens, removing characters XML forbids) is one
 * pass over its input. For a first reading's time bound (read-job.ts), which the body is shown
 * only long after. Call it only on a body markdownNestingProblem accepts.
 */
export function renderForTimeBound(markdown: string): void {
  sanitizedHtmlOf(marked.lexer(markdown));
}

/**
 * Renders Markdown to sanitized HTML. Markdown and the sanitizer decode character references
 * (&#1;, &#13;), so the text is cleaned again after them: no character XML forbids survives into
 * the body or summary. Call it only on a body markdownNestingProblem accepts.
 */
export function renderMarkdownBody(markdown: string, caption: string | undefined): RenderedBody {
  // Lexed once: the summary is read from the same tokens the body is rendered from (marked's
  // defaults are GitHub Flavored Markdown, as the body always was).
  const tokens = marked.lexer(markdown);
  const html = cleanText(sanitizedHtmlOf(tokens));
  const firstParagraph = firstBodyParagraph(tokens, caption);
  return firstParagraph === undefined ? { html } : { html, summary: cleanText(firstParagraph) };
}
