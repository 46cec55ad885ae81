// npm run import -- [--published DATE] FILE...: turns scraped plain-text articles (laid out like
// the seed: title line, "Written by:" byline, optional caption, paragraphs) into article files in
// ARTICLES_DIR. The scraped text is kept unchanged below new front matter holding a permanent id,
// a slug and the publication date. A file that cannot be imported is refused with the reason.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { isoDateTime } from "../articles/front-matter.js";
import { readArticleFiles } from "../articles/load.js";
import {
  ArticleError,
  parseArticle,
  parseScrapedText,
  splitFrontMatter,
} from "../articles/parse.js";
import { slugFromTitle } from "../articles/slug.js";
import { articleFileText, writeFileAtomic } from "../articles/write.js";
import { loadConfig } from "../config.js";
import type { Article } from "../model.js";

export interface ImportOutcome {
  source: string;
  /** The file written in the articles folder, when imported. */
  written?: string;
  /** Why the file was refused. */
  refused?: string;
}

export interface ImportOptions {
  articlesDir: string;
  idPrefix: string;
  /** Publication date for files whose own front matter names none (ISO 8601 with offset). */
  published?: string;
}

function refuse(source: string, reason: string): ImportOutcome {
  return { source, refused: reason };
}

/** Imports each file in turn; later files see the earlier ones, so duplicates are refused too. */
export async function importArticles(
  sources: readonly string[],
  options: ImportOptions,
): Promise<ImportOutcome[]> {
  const existing: Article[] = [];
  // Only ids and slugs matter here: episodes' media files need not be read.
  for (const result of (
    await readArticleFiles(options.articlesDir, { idPrefix: options.idPrefix, media: "unread" })
  ).values()) {
    if (!("message" in result)) existing.push(result);
  }
  const outcomes: ImportOutcome[] = [];
  for (const source of sources) {
    outcomes.push(await importOne(source, options, existing));
  }
  return outcomes;
}

async function importOne(
  source: string,
  options: ImportOptions,
  existing: Article[],
): Promise<ImportOutcome> {
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    return refuse(
      source,
      `cannot read the file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let split: ReturnType<typeof splitFrontMatter>;
  let scraped: ReturnType<typeof parseScrapedText>;
  try {
    split = splitFrontMatter(source, text);
    scraped = parseScrapedText(source, split.body);
  } catch (error) {
    if (error instanceof ArticleError) return refuse(source, error.problems.join("; "));
    throw error;
  }
  if (scraped.paragraphs.length === 0)
    return refuse(source, "no paragraphs below the title and byline");
  const published = split.frontMatter.published ?? options.published;
  if (published === undefined) {
    return refuse(
      source,
      "no publication date: give one with --published or in the file's front matter",
    );
  }
  const slug =
    (typeof split.frontMatter.slug === "string"
      ? split.frontMatter.slug
      : slugFromTitle(scraped.title)) || "article";
  const name = `${slug}.txt`;
  const frontMatter = {
    id: `${options.idPrefix}${slug}`,
    slug,
    ...split.frontMatter,
    published,
  };
  const fileText = articleFileText(frontMatter, split.body);
  let article: Article;
  try {
    article = parseArticle(name, fileText, { idPrefix: options.idPrefix });
  } catch (error) {
    return refuse(
      source,
      error instanceof ArticleError ? error.problems.join("; ") : String(error),
    );
  }
  const clash = existing.find(
    (other) => other.file === name || other.slug === article.slug || other.id === article.id,
  );
  if (clash)
    return refuse(source, `an article with the same file name, slug or id exists: ${clash.file}`);
  await writeFileAtomic(options.articlesDir, name, fileText);
  existing.push(article);
  return { source, written: name };
}

const usage = `usage: npm run import -- [--published DATE] FILE...

Turns scraped plain-text articles (title line, "Written by:" byline, optional caption
line, paragraphs) into article files in ARTICLES_DIR (default ./articles). The text is
kept unchanged below new front matter with a permanent id, a slug and the date.

  --published DATE   publication date for files whose own front matter has none,
                     ISO 8601 with an offset, e.g. 2014-10-20T12:00:00+04:00

Exit status: 0 all imported, 1 some refused, 2 bad arguments or configuration.`;

/** `wirefeed import FILE...`: returns the exit status. */
export async function runImport(args: readonly string[]): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { published: { type: "string" }; help: { type: "boolean" } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { published: { type: "string" }, help: { type: "boolean" } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`import: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    console.error(usage);
    return 2;
  }
  const published = parsed.values.published;
  if (published !== undefined && !isoDateTime.safeParse(published).success) {
    console.error(
      `import: --published: expected an ISO 8601 date-time with an offset, got "${published}"`,
    );
    return 2;
  }
  const config = loadConfig(process.env, process.cwd());
  const outcomes = await importArticles(parsed.positionals, {
    articlesDir: config.articlesDir,
    idPrefix: config.site.idPrefix,
    ...(published === undefined ? {} : { published }),
  });
  for (const outcome of outcomes) {
    if (outcome.written !== undefined) {
      console.log(
        `imported ${outcome.source} -> ${path.join(path.relative(process.cwd(), config.articlesDir), outcome.written)}`,
      );
    } else {
      console.log(`refused ${outcome.source}: ${outcome.refused}`);
    }
  }
  return outcomes.some((outcome) => outcome.refused !== undefined) ? 1 : 0;
}
