// Tells direct readers apart without knowing who they are: a keyed hash of the client address and
// User-Agent. The key is 256 random bits made when the server starts and again at every UTC
// midnight; it lives only in this process's memory and is never written anywhere, so yesterday's
// hashes cannot be linked to today's, and no hash can be turned back into an address by trying
// addresses. The hashes themselves stay in memory too: only their count is stored.
import { hash, randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

export class ReaderKey {
  #key = randomBytes(32).toString("base64");

  /** Forgets the key: every reader gets a new, unrelated hash. */
  rotate(): void {
    this.#key = randomBytes(32).toString("base64");
  }

  /**
   * 96 bits of SHA-256 over the key, the address and the User-Agent. A secret prefix of fixed
   * length makes SHA-256 a keyed function here (length extension does not matter: nobody
   * outside sees a hash).
   */
  readerOf(address: string, userAgent: string): string {
    return hash("sha256", `${this.#key}${address}\n${userAgent}`, "base64").slice(0, 16);
  }
}

/**
 * The client's address: the socket's peer, or with `trustedProxies` > 0 the address that many
 * hops back in X-Forwarded-For (the one the nearest trusted proxy saw).
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? "";
  if (trustedProxies <= 0) return peer;
  const forwarded = req.headers["x-forwarded-for"];
  if (forwarded === undefined) return peer;
  const hops = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded)
    .split(",")
    .map((hop) => hop.trim())
    .filter((hop) => hop !== "");
  return hops[Math.max(0, hops.length - trustedProxies)] ?? peer;
}
