// What public outputs show of a members article: its title, its front matter summary (never a
// summary taken from the body) and its link, with a line saying it is for members; no body, no
// episode. Or nothing at all, when the site is set to leave members articles out.
import { escapeHtml } from "../html-escape.js";
import type { Article } from "../model.js";

export type MembersInPublic = "teaser" | "omit";

const teasers = new WeakMap<Article, Article>();

/** The teaser of a members article; the same object for the same article, so builds reuse it. */
function teaserOf(article: Article): Article {
  let teaser = teasers.get(article);
  if (teaser === undefined) {
    // Copied without reading the body or its summary: a teaser never renders the members' text.
    const fields = Object.getOwnPropertyDescriptors(article) as Record<string, PropertyDescriptor>;
    for (const hidden of ["bodyHtml", "summary", "episode", "publicSummary"]) delete fields[hidden];
    const summary = article.publicSummary;
    teaser = Object.defineProperties({}, fields) as Article;
    teaser.bodyHtml = `${summary === undefined ? "" : `<p>${escapeHtml(summary)}</p>\n`}<p>This article is for members.</p>`;
    if (summary !== undefined) teaser.summary = summary;
    teasers.set(article, teaser);
  }
  return teaser;
}

/** The article as public outputs carry it: itself, its teaser, or nothing (left out). */
export function publicArticle(article: Article, mode: MembersInPublic): Article | undefined {
  if (article.access !== "members") return article;
  return mode === "omit" ? undefined : teaserOf(article);
}

/** The articles as public outputs carry them. */
export function publicArticles(articles: readonly Article[], mode: MembersInPublic): Article[] {
  if (!articles.some((article) => article.access === "members")) return [...articles];
  if (mode === "omit") return articles.filter((article) => article.access !== "members");
  return articles.map((article) => (article.access === "members" ? teaserOf(article) : article));
}
