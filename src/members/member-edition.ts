// The member edition: every article in full, under /private/<token>/, told to no hub, with its
// own Last-Modified dates (member pages share paths with public ones but not their bytes). It is
// built when a member feed is first asked for and then only when one is asked for after a change,
// so a site with no member reading costs nothing per change.
import type { Logger } from "../log.js";
import type { Article, StoreProblem } from "../model.js";
import { buildSite } from "../renditions/site/build-site.js";
import type {
  SiteContext,
  SiteSnapshot,
  WithdrawnArticles,
} from "../renditions/site/site-snapshot.js";
import { LastModifiedLedger } from "../state/last-modified-ledger.js";
import { memberSiteUrl } from "./member-feeds.js";

interface EditionInput {
  articles: readonly Article[];
  problems: readonly StoreProblem[];
  withdrawn: WithdrawnArticles;
}

export class MemberEdition {
  readonly #context: SiteContext;
  #built: SiteSnapshot | undefined;
  #pending: EditionInput | undefined;

  /** `publicContext` is the public site's; the edition shares its gate and clock. */
  constructor(
    publicContext: SiteContext,
    settings: { articlesDir: string; stateDir?: string },
    logger: Logger,
  ) {
    this.#context = {
      ...publicContext,
      site: { ...publicContext.site, hubs: [] },
      siteUrl: memberSiteUrl(publicContext.siteUrl),
      invalidFeeds: new Map(),
      lastModified: new LastModifiedLedger(`${settings.articlesDir}#member-edition`, {
        ...(settings.stateDir === undefined ? {} : { stateDir: settings.stateDir }),
        onWriteError: (error) =>
          logger.error("the member edition's Last-Modified ledger could not be written", {
            error: error.message,
          }),
      }),
    };
  }

  /** What the edition is to show from now on; built when next asked for. */
  update(
    articles: readonly Article[],
    problems: readonly StoreProblem[],
    withdrawn: WithdrawnArticles,
  ): void {
    this.#pending = { articles, problems, withdrawn };
  }

  /** The edition as of the last update, built now if it has not been since. */
  snapshot(): SiteSnapshot {
    const pending = this.#pending;
    if (pending !== undefined || this.#built === undefined) {
      const input = pending ?? {
        articles: [],
        problems: [],
        withdrawn: { gone: [], tombstones: [] },
      };
      this.#built = buildSite(
        input.articles,
        input.problems,
        this.#context,
        this.#built,
        "serve",
        input.withdrawn,
      );
      this.#pending = undefined;
    }
    return this.#built;
  }
}
