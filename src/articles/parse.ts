// Turns the text of one article file (.md or scraped .txt, each with optional YAML front matter)
// into an Article. Every failure is an ArticleError naming the file and the reason.
import path from "node:path";
import { CORE_SCHEMA, load as loadYaml, YAMLException } from "js-yaml";
import { escapeHtml } from "../html-escape.js";
import type { Article, Author, Chapters, Episode, LeadImage, Transcript } from "../model.js";
import { cleanStrings, cleanText } from "../xml-text.js";
import { checkFrontMatter } from "./article-faults.js";
import { authorFromString } from "./author-string.js";
import { correctionNotesHtml, readCorrections, readRetraction } from "./corrections.js";
import { type FrontMatter, isImageFileName } from "./front-matter.js";
import { frontMatterBoundProblem } from "./front-matter-bounds.js";
import { markdownNestingProblem, type RenderedBody, renderMarkdownBody } from "./markdown-body.js";
import { slugFromTitle } from "./slug.js";
import { firstScrapedParagraph } from "./summary.js";

export class ArticleError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
    options?: ErrorOptions,
  ) {
    super(`${file}: ${problems.join("; ")}`, options);
    this.name = "ArticleError";
  }
}

export interface ParseOptions {
  /** Prefix for the ids of articles whose front matter has none, e.g. "tag:example.com,2026:". */
  idPrefix: string;
}

export const articleExtensions = [".md", ".txt"] as const;

export interface SplitSource {
  frontMatter: Record<string, unknown>;
  body: string;
}

/** Separates the YAML front matter (a mapping; {} when there is none) from the body. */
export function splitFrontMatter(file: string, text: string): SplitSource {
  // The closing line is "---" at the start of a line: a value ending in "---" does not close it.
  const match = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/.exec(text);
  if (!match) return { frontMatter: {}, body: text };
  let frontMatter: unknown;
  try {
    // The core schema reads dates as strings; the front matter schema checks them.
    frontMatter = loadYaml(match[1] ?? "", { schema: CORE_SCHEMA }) ?? {};
  } catch (error) {
    // js-yaml counts lines from 0 within the front matter, which starts on the file's line 2.
    const reason =
      error instanceof YAMLException
        ? `line ${error.mark.line + 2}, column ${error.mark.column + 1}: ${error.reason}`
        : String(error);
    throw new ArticleError(file, [`front matter is not valid YAML: ${reason}`], { cause: error });
  }
  if (typeof frontMatter !== "object" || frontMatter === null || Array.isArray(frontMatter)) {
    throw new ArticleError(file, ["front matter must be a mapping of keys to values"]);
  }
  const tooLarge = frontMatterBoundProblem(frontMatter);
  if (tooLarge !== undefined) throw new ArticleError(file, [tooLarge]);
  return { frontMatter: frontMatter as Record<string, unknown>, body: text.slice(match[0].length) };
}

interface ScrapedText {
  title: string;
  byline: string;
  caption?: string;
  paragraphs: string[];
}

const bylinePattern = /^\s*(?:[•·*-]\s*)?Written by:\s*(.*)$/i;

/**
 * Reads the scraped layout: a title line; a "Written by:" byline that may be empty; then blocks
 * separated by blank lines. When the first block has more than one line, its first line is the
 * lead image's caption and the rest is the first paragraph.
 */
export function parseScrapedText(file: string, body: string): ScrapedText {
  const lines = body.split("\n");
  const titleIndex = lines.findIndex((line) => line.trim() !== "");
  if (titleIndex < 0) throw new ArticleError(file, ["title: the file has no text"]);
  const title = (lines[titleIndex] ?? "").trim();
  let rest = lines.slice(titleIndex + 1);
  let byline = "";
  const bylineIndex = rest.findIndex((line) => line.trim() !== "");
  const bylineMatch = bylineIndex >= 0 ? bylinePattern.exec(rest[bylineIndex] ?? "") : null;
  if (bylineMatch) {
    byline = (bylineMatch[1] ?? "").trim();
    rest = rest.slice(bylineIndex + 1);
  }
  const blocks = rest
    .join("\n")
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    )
    .filter((block) => block.length > 0);
  let caption: string | undefined;
  const first = blocks[0];
  if (first && first.length > 1) caption = first.shift();
  const paragraphs = blocks.map((block) => block.join(" "));
  return caption === undefined
    ? { title, byline, paragraphs }
    : { title, byline, caption, paragraphs };
}

function toAuthors(value: FrontMatter["author"]): Author[] {
  if (value === undefined) return [];
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry) => (typeof entry === "string" ? authorFromString(entry) : entry));
}

function toImage(value: FrontMatter["image"], caption: string | undefined): LeadImage | undefined {
  const image: LeadImage = typeof value === "string" ? { url: value } : { ...value };
  // A file of the images folder: the store reads it and sets the URL.
  if (image.url !== undefined && isImageFileName(image.url)) {
    image.file = image.url;
    delete image.url;
  }
  if (image.caption === undefined && caption !== undefined) image.caption = caption;
  return Object.keys(image).length > 0 ? image : undefined;
}

/** podcast:chapters' preferred type (JSON chapters, docs/examples/chapters/jsonChapters.md). */
export const jsonChaptersType = "application/json+chapters";

function toTranscripts(value: FrontMatter["transcript"]): Transcript[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((entry) => ({ ...entry }));
}

function toChapters(value: NonNullable<FrontMatter["chapters"]>): Chapters {
  return typeof value === "string"
    ? { url: value, type: jsonChaptersType }
    : { url: value.url, type: value.type ?? jsonChaptersType };
}

/**
 * The episode of an article with an enclosure. A media-folder file is only named here; the store
 * reads it (episode-media.ts) and sets the enclosure.
 */
function toEpisode(file: string, meta: FrontMatter): Episode | undefined {
  const given = meta.enclosure;
  if (given === undefined) return undefined;
  const episode: Episode = { transcripts: toTranscripts(meta.transcript) };
  const duration =
    given.duration === undefined ? {} : { durationSeconds: Math.round(given.duration) };
  if (given.file !== undefined) {
    episode.mediaFile = {
      file: given.file,
      ...(given.type === undefined ? {} : { type: given.type }),
      ...(given.length === undefined ? {} : { length: given.length }),
      ...duration,
    };
  } else if (given.url !== undefined && given.type !== undefined && given.length !== undefined) {
    episode.enclosure = { url: given.url, type: given.type, length: given.length, ...duration };
  } else {
    // The schema requires these; this only tells the compiler.
    throw new ArticleError(file, ["enclosure: give url, type and length, or file"]);
  }
  if (meta.episode !== undefined) episode.number = meta.episode;
  if (meta.season !== undefined) episode.season = meta.season;
  if (meta.episodeType !== undefined) episode.episodeType = meta.episodeType;
  if (meta.explicit !== undefined) episode.explicit = meta.explicit;
  if (meta.chapters !== undefined) episode.chapters = toChapters(meta.chapters);
  return episode;
}

function defaultSlug(file: string): string {
  return slugFromTitle(path.basename(file, path.extname(file))) || "article";
}

/**
 * The id of an article whose front matter names none: the prefix plus the file name without its
 * extension. It does not depend on the site URL, slug or title; renaming the file changes it, so
 * files that may be renamed should carry an `id` (the import command and the API write one).
 */
function defaultId(file: string, idPrefix: string): string {
  return `${idPrefix}${encodeURIComponent(path.basename(file, path.extname(file)))}`;
}

/** The Markdown body of a parsed article that has not been rendered yet. */
export interface PendingMarkdown {
  markdown: string;
  caption: string | undefined;
  /** Gives the body rendered elsewhere (in a worker); the article keeps it and drops the source. */
  settle(body: RenderedBody): void;
}

const pendingBodies = new WeakMap<Article, PendingMarkdown>();

/** The Markdown body of an article fresh from parseArticle, until it has been rendered. */
export function pendingMarkdownOf(article: Article): PendingMarkdown | undefined {
  return pendingBodies.get(article);
}

/**
 * Markdown is rendered when first needed (or by whoever settles it first), then kept: only bodies
 * that a feed or a requested page shows, or that the store renders off the main thread, are ever
 * rendered. The nesting bound is checked at parse time, so rendering cannot overflow the stack.
 */
function markdownBody(
  markdown: string,
  caption: string | undefined,
  article: Article,
): () => RenderedBody {
  let source: string | undefined = markdown;
  let rendered: RenderedBody | undefined;
  const keep = (body: RenderedBody): RenderedBody => {
    rendered ??= body;
    source = undefined;
    pendingBodies.delete(article);
    return rendered;
  };
  pendingBodies.set(article, { markdown, caption, settle: keep });
  return () => rendered ?? keep(renderMarkdownBody(source ?? "", caption));
}

/** Parses one article file's text. `file` is the path shown in errors and kept on the Article. */
export function parseArticle(file: string, source: string, options: ParseOptions): Article {
  const extension = path.extname(file).toLowerCase();
  if (extension !== ".md" && extension !== ".txt") {
    throw new ArticleError(file, [`unsupported file type "${extension}"; use .md or .txt`]);
  }
  const text = cleanText(source.replace(/^\uFEFF/, ""));
  const split = splitFrontMatter(file, text);
  const checked = checkFrontMatter(cleanStrings(split.frontMatter) as Record<string, unknown>);
  if ("refusals" in checked)
    throw new ArticleError(file, [...checked.refusals, ...checked.warnings]);
  const { meta, warnings } = checked;

  let title: string | undefined = meta.title;
  /** The scraped body, or the Markdown source of one rendered when first needed. */
  let body: RenderedBody | { markdown: string };
  let caption: string | undefined;
  const givenCaption = typeof meta.image === "object" ? meta.image.caption : undefined;
  let authors = toAuthors(meta.author);
  if (extension === ".txt") {
    const scraped = parseScrapedText(file, split.body);
    title ??= scraped.title;
    caption = scraped.caption;
    if (authors.length === 0 && scraped.byline !== "") authors = [authorFromString(scraped.byline)];
    const html = scraped.paragraphs
      .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
      .join("\n");
    const first = firstScrapedParagraph(scraped.paragraphs, givenCaption ?? caption);
    body = first === undefined ? { html } : { html, summary: first };
  } else {
    const tooDeep = markdownNestingProblem(split.body);
    if (tooDeep !== undefined) throw new ArticleError(file, [tooDeep]);
    body = { markdown: split.body };
  }
  if (title === undefined) throw new ArticleError(file, ["title: required"]);

  const { published, updated, expires } = meta;
  if (updated && updated < published) {
    throw new ArticleError(file, [
      `updated: ${updated.toISO()} is before published ${published.toISO()}`,
    ]);
  }
  if (expires && expires <= published) {
    throw new ArticleError(file, [
      `expires: ${expires.toISO()} is not after published ${published.toISO()}`,
    ]);
  }
  const { corrections, problems: correctionProblems } = readCorrections(meta);
  const { retraction, problems: retractionProblems } = readRetraction(meta);
  if (correctionProblems.length + retractionProblems.length > 0)
    throw new ArticleError(file, [...correctionProblems, ...retractionProblems]);
  const slug = meta.slug ?? defaultSlug(file);
  const article: Article = {
    id: meta.id ?? defaultId(file, options.idPrefix),
    slug,
    title,
    published,
    authors,
    // Tags are one-line labels, cleaned of repeats and padding by checkFrontMatter.
    tags: meta.tags ?? [],
    bodyHtml: "",
    file,
  };
  const notes = correctionNotesHtml(corrections);
  const given = body;
  const rendered =
    "markdown" in given ? markdownBody(given.markdown, givenCaption, article) : () => given;
  Object.defineProperty(article, "bodyHtml", {
    enumerable: true,
    get: () => (notes === "" ? rendered().html : `${rendered().html}\n${notes}`),
  });
  if (meta.summary === undefined) {
    Object.defineProperty(article, "summary", { enumerable: true, get: () => rendered().summary });
  } else if (meta.summary.trim() !== "") {
    article.summary = meta.summary.trim();
  }
  // A correction is an update readers are told about: the article is updated when it is made.
  const corrected = corrections.at(-1)?.date;
  const latest = corrected && (!updated || corrected > updated) ? corrected : updated;
  if (latest) article.updated = latest;
  if (corrections.length > 0) article.corrections = corrections;
  if (retraction) article.retraction = retraction;
  if (meta.access === "members") {
    article.access = "members";
    const given = meta.summary?.trim();
    if (given) article.publicSummary = given;
  }
  if (expires) article.expires = expires;
  const image = toImage(meta.image, caption);
  if (image) article.image = image;
  if (meta.source !== undefined) article.source = meta.source;
  if (meta.language !== undefined) article.language = meta.language;
  const episode = toEpisode(file, meta);
  if (episode) article.episode = episode;
  if (warnings.length > 0) article.warnings = warnings;
  return article;
}
