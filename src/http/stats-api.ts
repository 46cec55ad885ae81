// GET /api/stats: the audience report as JSON (token required). `?days=N` keeps the last N days.
import { Router } from "express";
import type { Audience } from "../audience/audience.js";
import { buildStatsReport } from "../audience/stats-report.js";
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
