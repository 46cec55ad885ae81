// Renders a freshly parsed article's Markdown body on a worker thread, bounded in time, so a body
// that would take minutes (quadratic emphasis, say) is refused for its article alone while the
// event loop keeps answering readers. The article keeps the rendered body.
import type { Article } from "../model.js";
import { type WorkerPool, WorkFailedError, WorkTimeoutError } from "../workers/worker-pool.js";
import { ArticleError, pendingMarkdownOf } from "./parse.js";

export interface RenderBound {
  pool: WorkerPool;
  /** The longest one body may take to render (RENDER_TIMEOUT_MS). */
  timeoutMs: number;
}

/**
 * Renders the article's body, unless it is already rendered or is not Markdown. Throws an
 * ArticleError naming the article's file when the body runs past its time or cannot be rendered.
 */
export async function renderBodyOffThread(article: Article, bound: RenderBound): Promise<Article> {
  const pending = pendingMarkdownOf(article);
  if (pending === undefined) return article;
  const { markdown, caption } = pending;
  try {
    pending.settle(await bound.pool.run({ kind: "markdown", markdown, caption }, bound.timeoutMs));
  } catch (error) {
    if (error instanceof WorkTimeoutError) {
      throw new ArticleError(
        article.file,
        [
          `body: not rendered within ${error.timeoutMs.toLocaleString("en")} ms (RENDER_TIMEOUT_MS); refused`,
        ],
        { cause: error },
      );
    }
    if (error instanceof WorkFailedError) {
      throw new ArticleError(article.file, [`body: cannot be rendered (${error.message})`], {
        cause: error,
      });
    }
    throw error;
  }
  return article;
}
