// GET /api/stats: the audience report as JSON; GET /stats/: the same as a page with charts. Both
// need the stats token (a browser asks for it: HTTP Basic, the token as password). `?days=N`
// keeps the last N days (the page shows 90 unless told).
import { Router } from "express";
import type { Audience } from "../audience/audience.js";
import { buildStatsReport } from "../audience/stats-report.js";
import { renderStatsPage } from "../pages/stats-page.js";
import { HttpError } from "./errors.js";
import { requireOperatorToken } from "./token-guard.js";

/** Reads ?days=N (1 to 10000); absent: every kept day. */
export function requestedDays(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (typeof value !== "string" || !Number.isInteger(days) || days < 1 || days > 10_000) {
    throw new HttpError(400, "days: expected a whole number of days from 1 to 10000");
  }
  return days;
}

export function statsApi(audience: Audience, token: string): Router {
  const router = Router();
  router.use(requireOperatorToken(token, "wirefeed stats"));
  router.get("/", (req, res) => {
    const report = buildStatsReport(audience.days(), requestedDays(req.query.days));
    res.set("Cache-Control", "no-store").json(report);
  });
  return router;
}

export function statsPage(audience: Audience, token: string): Router {
  const router = Router();
  router.use(requireOperatorToken(token, "wirefeed stats"));
  router.get("/", (req, res) => {
    const report = buildStatsReport(audience.days(), requestedDays(req.query.days) ?? 90);
    res.set("Cache-Control", "no-store").type("html").send(renderStatsPage(report));
  });
  return router;
}
