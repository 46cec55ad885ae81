// The publishing API's rate limit: per client address, a fixed number of requests a minute
// (express-rate-limit, in memory). Past it a client gets 429 with Retry-After and the standard
// RateLimit-* headers. Only the API is limited: feeds and pages never are, because feed readers
// back off per domain and a per-feed limit would only make them miss updates.
import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import type { Logger } from "../log.js";
import { HttpError } from "./errors.js";

export function apiRateLimit(perMinute: number, logger: Logger): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-6",
    legacyHeaders: false,
    // Retry-After is set by the limiter before this runs; the error middleware answers in JSON.
    handler: (_req, _res, next) =>
      next(
        new HttpError(
          429,
          `Too many requests: at most ${perMinute} a minute per client; retry after the number of seconds in Retry-After`,
        ),
      ),
    // The limiter's own warnings (a proxy header it cannot trust, a store error) go to our log.
    logger: {
      warn: (error, message) =>
        logger.warn(message ?? "rate limiter warning", { error: String(error) }),
      error: (error, message) =>
        logger.error(message ?? "rate limiter error", { error: String(error) }),
    },
  });
}
