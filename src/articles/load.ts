// Reads every article file in a folder. A broken file becomes a StoreProblem naming it; the
// other articles are still returned.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Article, StoreProblem } from "../model.js";
import { ArticleError, articleExtensions, type ParseOptions, parseArticle } from "./parse.js";

export interface LoadedArticles {
  /** Newest first; ties broken by id so the order never depends on the file system. */
  articles: Article[];
  problems: StoreProblem[];
}

export function isArticleFile(name: string): boolean {
  return !name.startsWith(".") && articleExtensions.some((ext) => name.toLowerCase().endsWith(ext));
}

export function compareNewestFirst(a: Article, b: Article): number {
  const byDate = b.published.toMillis() - a.published.toMillis();
  if (byDate !== 0) return byDate;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function reasonOf(error: unknown): string {
  if (error instanceof ArticleError) return error.problems.join("; ");
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Keeps the first article (in file-name order) for each id and slug and reports later
 * duplicates, so one careless copy cannot hide or replace another article.
 */
function dropDuplicates(articles: Article[], problems: StoreProblem[]): Article[] {
  const byId = new Map<string, Article>();
  const bySlug = new Map<string, Article>();
  const kept: Article[] = [];
  for (const article of articles) {
    const sameId = byId.get(article.id);
    const sameSlug = bySlug.get(article.slug);
    if (sameId) {
      problems.push({
        file: article.file,
        message: `id: "${article.id}" is already used by ${sameId.file}`,
      });
    } else if (sameSlug) {
      problems.push({
        file: article.file,
        message: `slug: "${article.slug}" is already used by ${sameSlug.file}`,
      });
    } else {
      byId.set(article.id, article);
      bySlug.set(article.slug, article);
      kept.push(article);
    }
  }
  return kept;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
}

/**
 * Reads and parses one file. A failure is returned as the problem it is, never thrown; a file
 * that does not exist (any more) gives undefined.
 */
export async function loadArticle(
  dir: string,
  name: string,
  options: ParseOptions,
): Promise<Article | StoreProblem | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, name), "utf8");
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    return { file: name, message: `cannot read the file: ${reasonOf(error)}` };
  }
  try {
    return parseArticle(name, text, options);
  } catch (error) {
    return { file: name, message: reasonOf(error) };
  }
}

/** Runs `task` over `items` with at most `limit` running at once, keeping the order. */
async function mapWithLimit<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Arranges per-file results into the store's view: articles newest first without duplicates,
 * problems in file-name order. `results` must be in file-name order.
 */
export function arrangeArticles(results: ReadonlyArray<Article | StoreProblem>): LoadedArticles {
  const problems: StoreProblem[] = [];
  const parsed: Article[] = [];
  for (const result of results) {
    if ("message" in result) problems.push(result);
    else parsed.push(result);
  }
  const articles = dropDuplicates(parsed, problems).sort(compareNewestFirst);
  return { articles, problems };
}

/** Reads every article file directly inside `dir`, in file-name order. */
export async function readArticleFiles(
  dir: string,
  options: ParseOptions,
): Promise<Map<string, Article | StoreProblem>> {
  const names = (await readdir(dir)).filter(isArticleFile).sort();
  const results = await mapWithLimit(names, 64, (name) => loadArticle(dir, name, options));
  const files = new Map<string, Article | StoreProblem>();
  names.forEach((name, index) => {
    const result = results[index];
    // A file deleted between listing and reading is simply not there.
    if (result !== undefined) files.set(name, result);
  });
  return files;
}

/** Loads all .md and .txt files directly inside `dir`. */
export async function loadArticles(dir: string, options: ParseOptions): Promise<LoadedArticles> {
  return arrangeArticles([...(await readArticleFiles(dir, options)).values()]);
}
