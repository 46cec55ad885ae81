// Errors carry their HTTP status and keep their cause; one middleware turns them into responses.
import type { ErrorRequestHandler } from "express";
import type { Logger } from "../log.js";

export interface HttpErrorOptions extends ErrorOptions {
  headers?: Record<string, string>;
  /** Every problem found, e.g. one line per invalid field ("published: required"). */
  problems?: string[];
}

export class HttpError extends Error {
  readonly headers: Record<string, string>;
  readonly problems: string[];

  constructor(
    readonly status: number,
    message: string,
    options: HttpErrorOptions = {},
  ) {
    super(message, options);
    this.name = "HttpError";
    this.headers = options.headers ?? {};
    this.problems = options.problems ?? [];
  }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  // Errors raised by Express's own middleware (body parsers) carry a 4xx status.
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = Number((error as { status: unknown }).status);
    if (Number.isInteger(status) && status >= 400 && status < 500) return status;
  }
  return 500;
}

const reasons: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  412: "Precondition failed",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
  507: "Insufficient storage",
};

/**
 * The last middleware: answers with the error's status and a short message: JSON
 * `{ "error", "problems" }` under /api/, plain text elsewhere. Only an HttpError's own message is
 * shown; anything else (a 500 above all) says no more than its status, and is logged once with
 * the request it belongs to.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = statusOf(error);
    const fields = { method: req.method, path: req.path, status };
    if (status >= 500) {
      logger.error("request failed", {
        ...fields,
        error: String(error?.stack ?? error),
        ...(error?.cause === undefined ? {} : { cause: String(error.cause) }),
      });
    } else {
      logger.info("request refused", {
        ...fields,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const known = error instanceof HttpError;
    const message = known ? error.message : (reasons[status] ?? "Request failed");
    if (error instanceof HttpError) res.set(error.headers);
    res.status(status).set("Cache-Control", "no-store");
    if (req.path.startsWith("/api/")) {
      res.json({ error: message, problems: known ? error.problems : [] });
    } else {
      res.type("text/plain; charset=utf-8").send(`${message}\n`);
    }
  };
}
