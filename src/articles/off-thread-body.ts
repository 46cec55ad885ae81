// Renders a freshly parsed article's Markdown body on a worker thread, bounded in time, so a body
// that would take minutes (quadratic emphasis, say) is refused for its article alone while the
// event loop keeps answering readers. The article keeps the rendered body. A refused body is
// remembered by its hash, so reading the same text again (a retry, a restart of the watcher, the
// same API write) is refused at once instead of stopping another thread.
import { createHash } from "node:crypto";
import type { Article } from "../model.js";
import { type WorkerPool, WorkFailedError, WorkTimeoutError } from "../workers/worker-pool.js";
import { ArticleError, pendingMarkdownOf } from "./parse.js";

export interface RenderBound {
  pool: WorkerPool;
  /** The longest one body may take to render (RENDER_TIMEOUT_MS). */
  timeoutMs: number;
}

/** Refusals by body hash and bound, the oldest forgotten first past this many. */
const rememberedRefusals = 1_000;
const refusals = new Map<string, string>();

function refusalKey(markdown: string, timeoutMs: number): string {
  return `${timeoutMs}:${createHash("sha256").update(markdown).digest("base64url")}`;
}

function refusalOf(error: unknown): string | undefined {
  if (error instanceof WorkTimeoutError)
    return `body: not rendered within ${error.timeoutMs.toLocaleString("en")} ms (RENDER_TIMEOUT_MS); refused`;
  if (error instanceof WorkFailedError) return `body: cannot be rendered (${error.message})`;
  return undefined;
}

/**
 * Renders the article's body, unless it is already rendered or is not Markdown. Throws an
 * ArticleError naming the article's file when the body runs past its time or cannot be rendered.
 */
export async function renderBodyOffThread(article: Article, bound: RenderBound): Promise<Article> {
  const pending = pendingMarkdownOf(article);
  if (pending === undefined) return article;
  const { markdown, caption } = pending;
  const key = refusalKey(markdown, bound.timeoutMs);
  const known = refusals.get(key);
  if (known !== undefined) throw new ArticleError(article.file, [known]);
  try {
    pending.settle(await bound.pool.run({ kind: "markdown", markdown, caption }, bound.timeoutMs));
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    refusals.set(key, refusal);
    if (refusals.size > rememberedRefusals) refusals.delete(refusals.keys().next().value as string);
    throw new ArticleError(article.file, [refusal], { cause: error });
  }
  return article;
}
