// Errors carry their HTTP status and keep their cause; one middleware turns them into responses.
import type { ErrorRequestHandler } from "express";
import type { Logger } from "../log.js";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: ErrorOptions & { headers?: Record<string, string> },
  ) {
    super(message, options);
    this.name = "HttpError";
    this.headers = options?.headers ?? {};
  }
  readonly headers: Record<string, string>;
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  // Errors raised by Express's own middleware (body parsers, send) carry a 4xx status.
  if (typeof error === "object" && error !== null && "status" in error) {
    const status = Number((error as { status: unknown }).status);
    if (Number.isInteger(status) && status >= 400 && status < 500) return status;
  }
  return 500;
}

/**
 * The last middleware: answers with the error's status and a short plain message. A 500 says
 * nothing about its cause; the cause is logged once, with the request it belongs to.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = statusOf(error);
    const fields = { method: req.method, path: req.path, status };
    if (status >= 500)
      logger.error("request failed", { ...fields, error: String(error?.stack ?? error) });
    else
      logger.info("request refused", {
        ...fields,
        reason: error instanceof Error ? error.message : String(error),
      });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const message =
      status >= 500 || !(error instanceof HttpError) ? httpReason(status) : error.message;
    if (error instanceof HttpError) res.set(error.headers);
    res
      .status(status)
      .type("text/plain; charset=utf-8")
      .set("Cache-Control", "no-store")
      .send(`${message}\n`);
  };
}

function httpReason(status: number): string {
  const reasons: Record<number, string> = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    413: "Payload too large",
    500: "Internal server error",
    503: "Service unavailable",
  };
  return reasons[status] ?? "Request failed";
}
