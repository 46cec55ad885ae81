// METRICS_TOKEN: when set, GET /metrics asks for it; without it /metrics is open (put it behind
// the proxy, or set the token, when the port is reachable from outside).
import { ConfigError } from "../config.js";

export function parseMetricsToken(text: string | undefined): string | undefined {
  if (text === undefined || text === "") return undefined;
  if (text.length < 24 || /\s/.test(text)) {
    throw new ConfigError(
      "METRICS_TOKEN: expected at least 24 characters without spaces (for example: openssl rand -hex 32)",
    );
  }
  return text;
}
