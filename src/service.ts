// The running service without its socket: loads the store, builds the site and keeps the current
// snapshot. server.ts listens with it; tests start it on an ephemeral port the same way.
import type { Express } from "express";
import { createApp } from "./app.js";
import { loadArticles } from "./articles/load.js";
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import { buildSite, type SiteSnapshot } from "./renditions/build-site.js";

export interface Service {
  app: Express;
  snapshot(): SiteSnapshot;
}

export type ServiceConfig = Pick<Config, "siteUrl" | "articlesDir" | "site">;

export async function openService(config: ServiceConfig, logger: Logger): Promise<Service> {
  const loaded = await loadArticles(config.articlesDir, { idPrefix: config.site.idPrefix });
  for (const problem of loaded.problems) {
    logger.warn("article skipped", { file: problem.file, reason: problem.message });
  }
  const current = buildSite(loaded.articles, loaded.problems, {
    site: config.site,
    siteUrl: config.siteUrl,
  });
  for (const invalid of current.invalidFeeds) {
    logger.error("feed failed validation", { path: invalid.path, problems: invalid.problems });
  }
  const snapshot = () => current;
  return { app: createApp({ snapshot, logger }), snapshot };
}
