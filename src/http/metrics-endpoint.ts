// GET /metrics: the Prometheus text exposition, open unless METRICS_TOKEN is set (then as a
// bearer token, or the password of HTTP Basic, like the stats).
import { Router } from "express";
import type { ServiceMetrics } from "../metrics/service-metrics.js";
import { requireOperatorToken } from "./token-guard.js";

export function metricsEndpoint(metrics: ServiceMetrics, token: string | undefined): Router {
  const router = Router();
  if (token !== undefined) router.use(requireOperatorToken(token, "wirefeed metrics"));
  router.get("/", async (_req, res) => {
    const { contentType, text } = await metrics.exposition();
    res.set("Cache-Control", "no-store").type(contentType).send(text);
  });
  return router;
}
