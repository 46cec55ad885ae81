// The operator's metrics in Prometheus's text format (prom-client, on a registry of its own):
// requests by route kind, status and content coding, build durations, feeds that failed
// validation, the length of the work queues, and the time of the last successful publish, plus
// prom-client's process metrics. Counting a request from memory is one map lookup and one add.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What a request was for, as a small fixed set (never the path itself). */
export type RouteKind =
  | "feed"
  | "page"
  | "media"
  | "api"
  | "stats"
  | "metrics"
  | "health"
  | "member"
  | "other";

/** Numbers read when /metrics is scraped. */
export interface MetricSources {
  articles(): number;
  invalidFeeds(): number;
  /** Reads of the articles folder waiting for their turn. */
  storeQueue(): number;
  /** WebSub notifications not yet delivered or given up. */
  hubQueue(): number;
}

function routeKindOf(url: string | undefined): RouteKind {
  const path = url ?? "/";
  if (path.startsWith("/api/stats") || path.startsWith("/stats")) return "stats";
  if (path.startsWith("/api/")) return "api";
  if (path.startsWith("/media/")) return "media";
  if (path.startsWith("/private/")) return "member";
  if (path === "/metrics") return "metrics";
  if (path === "/healthz") return "health";
  return "other";
}

function encodingOf(res: ServerResponse): string {
  const coding = res.getHeader("content-encoding");
  return typeof coding === "string" ? coding : "identity";
}

/** prom-client's process metrics, collected once per process however many services run. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: "wirefeed_" });
  }
  return processRegistry;
}

export class ServiceMetrics {
  readonly #registry = new Registry();
  readonly #requests: Counter<"route" | "status" | "encoding">;
  readonly #children = new Map<string, { inc(): void }>();
  readonly #builds: Histogram;
  readonly #validationFailures: Counter;
  readonly #lastPublish: Gauge;

  constructor(sources: MetricSources) {
    this.#requests = new Counter({
      name: "wirefeed_http_requests_total",
      help: "HTTP requests answered, by route kind, status and content coding (304s are status 304)",
      labelNames: ["route", "status", "encoding"],
      registers: [this.#registry],
    });
    this.#builds = new Histogram({
      name: "wirefeed_build_duration_seconds",
      help: "Time to rebuild, validate and swap in the site after a change",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.#registry],
    });
    this.#validationFailures = new Counter({
      name: "wirefeed_feed_validation_failures_total",
      help: "Feed renditions that failed validation (the previous good version stayed in service)",
      registers: [this.#registry],
    });
    this.#lastPublish = new Gauge({
      name: "wirefeed_last_publish_timestamp_seconds",
      help: "When a change was last published successfully (Unix time; 0: nothing since start)",
      registers: [this.#registry],
    });
    new Gauge({
      name: "wirefeed_articles",
      help: "Articles in the current snapshot",
      registers: [this.#registry],
      collect() {
        this.set(sources.articles());
      },
    });
    new Gauge({
      name: "wirefeed_invalid_feeds",
      help: "Feeds failing validation now (each keeps its last good version, or answers 503)",
      registers: [this.#registry],
      collect() {
        this.set(sources.invalidFeeds());
      },
    });
    new Gauge({
      name: "wirefeed_queue_length",
      help: "Work waiting: store = article reads waiting their turn, websub = hub notifications in flight or waiting to retry",
      labelNames: ["queue"],
      registers: [this.#registry],
      collect() {
        this.set({ queue: "store" }, sources.storeQueue());
        this.set({ queue: "websub" }, sources.hubQueue());
      },
    });
  }

  /** The exposition: this service's metrics and the process's. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    const merged = Registry.merge([processMetrics(), this.#registry]);
    return { contentType: merged.contentType, text: await merged.metrics() };
  }

  /** Counts one answer: a rendition from memory (feed or page) or any other route. */
  countResponse(route: RouteKind, status: number, encoding: string): void {
    const key = `${route} ${status} ${encoding}`;
    let child = this.#children.get(key);
    if (child === undefined) {
      child = this.#requests.labels(route, String(status), encoding);
      this.#children.set(key, child);
    }
    child.inc();
  }

  /** Counts a request the Express application answers, when its response is finished. */
  countWhenFinished(req: IncomingMessage, res: ServerResponse): void {
    const route = routeKindOf(req.url);
    res.once("finish", () => this.countResponse(route, res.statusCode, encodingOf(res)));
  }

  recordBuild(milliseconds: number): void {
    this.#builds.observe(milliseconds / 1000);
  }

  recordPublish(atMs: number): void {
    this.#lastPublish.set(atMs / 1000);
  }

  recordValidationFailures(count: number): void {
    if (count > 0) this.#validationFailures.inc(count);
  }
}
