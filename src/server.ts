// Entry point: read the configuration, load the articles, serve them. Only this file exits.
import type { Server } from "node:http";
import { createApp } from "./app.js";
import { loadArticles } from "./articles/load.js";
import { ConfigError, loadConfig } from "./config.js";
import { consoleLogger as logger } from "./log.js";
import { buildSite, type SiteSnapshot } from "./renditions/build-site.js";

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  const loaded = await loadArticles(config.articlesDir, { idPrefix: config.site.idPrefix });
  for (const problem of loaded.problems) {
    logger.warn("article skipped", { file: problem.file, reason: problem.message });
  }
  const snapshot: SiteSnapshot = buildSite(loaded.articles, loaded.problems, {
    site: config.site,
    siteUrl: config.siteUrl,
  });
  const app = createApp({ snapshot: () => snapshot, logger });
  const server = app.listen(config.port, config.host, () => {
    logger.info("wirefeed listening", {
      address: `http://${config.host}:${config.port}`,
      siteUrl: config.siteUrl,
      articles: loaded.articles.length,
      skipped: loaded.problems.length,
    });
  });
  stopOnSignals(server);
}

/** SIGTERM/SIGINT: stop accepting, let requests in flight finish, then exit. */
function stopOnSignals(server: Server): void {
  const stop = (signal: string) => {
    logger.info("shutting down", { signal });
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      logger.warn("requests still in flight after 10 s; exiting");
      process.exit(1);
    }, 10_000).unref();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) logger.error(error.message);
  else
    logger.error("wirefeed could not start", {
      error: String(error instanceof Error ? error.stack : error),
    });
  process.exit(1);
});
