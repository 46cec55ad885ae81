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

function isArticleFile(name: string): boolean {
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

/** Reads and parses one file; a failure is returned as the problem it is, never thrown. */
export async function loadArticle(
  dir: string,
  name: string,
  options: ParseOptions,
): Promise<Article | StoreProblem> {
  try {
    return parseArticle(name, await readFile(path.join(dir, name), "utf8"), options);
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

/** Loads all .md and .txt files directly inside `dir`. */
export async function loadArticles(dir: string, options: ParseOptions): Promise<LoadedArticles> {
  const names = (await readdir(dir)).filter(isArticleFile).sort();
  const problems: StoreProblem[] = [];
  const parsed: Article[] = [];
  const results = await mapWithLimit(names, 64, (name) => loadArticle(dir, name, options));
  for (const result of results) {
    if ("message" in result) problems.push(result);
    else parsed.push(result);
  }
  const articles = dropDuplicates(parsed, problems).sort(compareNewestFirst);
  return { articles, problems };
}
