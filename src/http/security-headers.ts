// The security headers of every HTML page and every Express answer, set by helmet with a strict
// Content-Security-Policy: pages run only wirefeed's own script files, load no frame and cannot be
// framed. The same helmet
// middleware also runs once against a recording response, so the fast path that answers prebuilt
// pages from memory can send exactly the same headers without running a middleware per request.
import type { ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import helmet, { type HelmetOptions } from "helmet";

/**
 * Nothing is allowed unless named: styles only from the page itself (each page carries one inline
 * <style>), images and media that articles link to, no plugin, frame, form or <base>. Scripts only
 * from the site's own files (`script-src 'self'`): /feeds/'s copy buttons need one, and no inline
 * or foreign script runs. Every answer carries `X-Content-Type-Options: nosniff`, so a same-origin
 * URL that is not JavaScript (a feed, an article's image) cannot be loaded as a script either.
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["https:", "http:", "data:"],
  mediaSrc: ["https:", "http:"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

const helmetOptions: Readonly<HelmetOptions> = {
  contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
  xFrameOptions: { action: "deny" },
};

/** helmet's middleware for Express answers (the 404 page, /healthz, the API, errors). */
export function securityHeaders(): RequestHandler {
  return helmet(helmetOptions);
}

/** The headers helmet sets, collected once by running it against a response that records them. */
function collectHelmetHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = String(value);
      return recorder;
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  let finished = false;
  helmet(helmetOptions)(
    // helmet reads nothing from the request and only sets and removes headers on the response.
    {} as never,
    recorder as unknown as ServerResponse,
    (error?: unknown) => {
      if (error) throw error;
      finished = true;
    },
  );
  if (!finished) throw new Error("helmet did not finish synchronously");
  return Object.freeze(headers);
}

/**
 * The header set for HTML pages answered from memory (helmet's names and values: Content-Security-
 * Policy, X-Frame-Options, Referrer-Policy, Strict-Transport-Security, X-Content-Type-Options ...).
 */
export const pageSecurityHeaders: Readonly<Record<string, string>> = collectHelmetHeaders();
