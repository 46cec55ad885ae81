// Before a write through the API lands, the site it would make is built on trial: every feed the
// write touches is rendered and put through the gate, and a write that would make one fail is
// refused with the feed's problems. The trial is never served and changes nothing in service.
import { isRetracted } from "../../articles/schedule.js";
import type { Article } from "../../model.js";
import { buildSite } from "./build-site.js";
import { changedPaths, type SiteContext, type SiteSnapshot } from "./site-snapshot.js";

/**
 * The problems, "<path>: <problem>", that serving `articles` (the store as the write would leave
 * it) would bring to feeds that pass now. Embargoed articles are tried too, as the feeds will
 * carry them once they run; retracted and expired ones are not.
 */
export function feedProblemsOfWrite(
  articles: readonly Article[],
  context: SiteContext,
  current: SiteSnapshot,
  nowMs: number,
): string[] {
  const known = new Set(current.invalidFeeds.map((invalid) => invalid.path));
  const unexpired = articles.filter(
    (article) =>
      !isRetracted(article, nowMs) &&
      (article.expires === undefined || article.expires.toMillis() > nowMs),
  );
  let problems: string[] = [];
  buildSite(unexpired, [], context, current, "trial", undefined, (trial) => {
    // Feeds built on first request are built now, for every feed the change touches.
    const feedPaths = new Set(trial.feedPaths);
    for (const path of changedPaths(current, trial)) {
      if (feedPaths.has(path)) trial.renditions.get(path);
    }
    problems = trial.invalidFeeds
      .filter((invalid) => !known.has(invalid.path))
      .flatMap((feed) => feed.problems.map((problem) => `${feed.path}: ${problem}`));
  });
  return problems;
}
