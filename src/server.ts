// Entry point: read the configuration, load the articles, serve them. Only this file exits.
// Run as `node dist/src/server.js`, or as `wirefeed serve` (src/cli/wirefeed.ts calls serve()).
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultWatchTiming } from "./articles/watch.js";
import { ConfigError, loadConfig } from "./config.js";
import { createHttpServer, type HttpServer } from "./http/http-server.js";
import { consoleLogger as logger } from "./log.js";
import { openService } from "./service.js";
import { collectStartGarbage } from "./start-garbage.js";

/** The server could not take its address: in use, not this machine's, or not permitted. */
class ListenError extends Error {
  constructor(address: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === "EADDRINUSE"
        ? "the address is in use (another server on that port?)"
        : code === "EADDRNOTAVAIL"
          ? "no interface of this machine has that address"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied (ports below 1024 need privileges)"
            : String(cause instanceof Error ? cause.message : cause);
    super(`cannot listen on ${address}: ${why}`, { cause });
    this.name = "ListenError";
  }
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  const service = await openService(config, logger, {
    watch: true,
    watchTiming: { ...defaultWatchTiming, auditMs: config.watchAuditSeconds * 1_000 },
  });
  const http = createHttpServer(service.handleRequest, config.httpLimits);
  const { server } = http;
  // An IPv6 address in brackets, as in a URL: [::1]:3000.
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  await new Promise<void>((resolve, reject) => {
    const refused = (error: Error) => reject(new ListenError(`${host}:${config.port}`, error));
    server.once("error", refused);
    server.listen(config.port, config.host, () => {
      server.off("error", refused);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  logger.info("wirefeed listening", {
    address: `http://${host}:${port}`,
    siteUrl: config.siteUrl,
    articles: service.snapshot().articles.length,
    skipped: service.snapshot().problems.length,
  });
  setImmediate(() => logger.info("start's garbage collected", collectStartGarbage()));
  stopOnSignals(http, service.close);
}

/**
 * SIGTERM/SIGINT: stop accepting, let requests in flight finish (their connections then close),
 * and exit as soon as none is left, or after HTTP_DRAIN_TIMEOUT_MS at the latest.
 */
function stopOnSignals(http: HttpServer, stopWatching: () => void): void {
  const stop = async (signal: string) => {
    logger.info("shutting down", { signal });
    stopWatching();
    const started = performance.now();
    const outcome = await http.drain();
    const ms = Math.round(performance.now() - started);
    if (outcome === "drained") {
      logger.info("stopped", { ms });
      process.exit(0);
    }
    logger.warn("requests still in flight when the drain timeout ended; exiting", { ms });
    process.exit(1);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

/** Starts the server; a configuration or start-up failure is logged and ends the process. */
export async function serve(): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ListenError) logger.error(error.message);
    else
      logger.error("wirefeed could not start", {
        error: String(error instanceof Error ? error.stack : error),
      });
    process.exit(1);
  }
}

/** Whether this module is the one node was asked to run (through any symbolic link or space). */
function isEntryPoint(): boolean {
  const started = process.argv[1];
  if (started === undefined) return false;
  try {
    return realpathSync(started) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await serve();
