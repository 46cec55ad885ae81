// Guards the operator endpoints (stats, metrics) with a token, compared in constant time. It is
// accepted as a bearer token (scripts: Authorization: Bearer <token>) or as the password of HTTP
// Basic authentication with any user name (a browser asks for it on the stats page).
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { HttpError } from "./errors.js";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** The token a request presents, or undefined. */
function presentedToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

export function requireOperatorToken(token: string, realm: string): RequestHandler {
  const expected = digest(token);
  return (req, _res, next) => {
    const presented = presentedToken(req.headers.authorization);
    if (presented === undefined || presented === "") {
      throw new HttpError(401, `A token is required: send Authorization: Bearer <token>`, {
        headers: { "WWW-Authenticate": `Basic realm="${realm}", charset="UTF-8"` },
      });
    }
    if (!timingSafeEqual(digest(presented), expected))
      throw new HttpError(403, "The token is not valid");
    next();
  };
}
