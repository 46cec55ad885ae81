// npm run import -- [--published DATE] FILE...: turns scraped plain-text articles (laid out like
// the seed: title line, "Written by:" byline, optional caption, paragraphs) into article files in
// ARTICLES_DIR. The scraped text is kept unchanged below new front matter holding a permanent id,
// a slug and the publication date, written by the same article writer as the publishing API. A
// file that cannot be imported is refused with the reason.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { ArticleWriter } from "../articles/article-writer.js";
import { isoDateTime } from "../articles/front-matter.js";
import { arrangeArticles, readArticleAndMedia, readArticleFiles } from "../articles/load.js";
import { ArticleError, parseScrapedText, splitFrontMatter } from "../articles/parse.js";
import { ArticleWriteError } from "../articles/write-errors.js";
import { loadConfig } from "../config.js";
import { MediaFolder } from "../media/media-folder.js";

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
  /** The media folder, for an article that names an episode's file. */
  media?: MediaFolder;
}

function refuse(source: string, reason: string): ImportOutcome {
  return { source, refused: reason };
}

/**
 * Imports each file in turn through the article writer, as the API writes: later files see the
 * earlier ones, so duplicates are refused too.
 */
export async function importArticles(
  sources: readonly string[],
  options: ImportOptions,
): Promise<ImportOutcome[]> {
  const read = { idPrefix: options.idPrefix, media: options.media ?? ("unread" as const) };
  const files = await readArticleFiles(options.articlesDir, read);
  const view = () => arrangeArticles([...files.values()]);
  const writer = new ArticleWriter({
    dir: options.articlesDir,
    idPrefix: options.idPrefix,
    ...(options.media === undefined ? {} : { media: options.media }),
    storedArticles: () => view().articles,
    refresh: async (names) => {
      for (const name of names) {
        const result = await readArticleAndMedia(options.articlesDir, name, read);
        if (result === undefined) files.delete(name);
        else files.set(name, result);
      }
    },
    now: () => DateTime.now(),
  });
  const outcomes: ImportOutcome[] = [];
  for (const source of sources) {
    outcomes.push(await importOne(source, options, writer));
  }
  return outcomes;
}

async function importOne(
  source: string,
  options: ImportOptions,
  writer: ArticleWriter,
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
  try {
    const written = await writer.create(
      { fields: { ...split.frontMatter, published }, body: split.body },
      { extension: ".txt", titleForSlug: scraped.title },
    );
    return { source, written: written.article.file };
  } catch (error) {
    if (!(error instanceof ArticleWriteError)) throw error;
    return refuse(source, error.problems.length > 0 ? error.problems.join("; ") : error.message);
  }
}

const usage = `usage: wirefeed import [--published DATE] FILE...
(in a checkout: npm run import -- [--published DATE] FILE...)

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
    media: new MediaFolder(config.mediaDir),
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
