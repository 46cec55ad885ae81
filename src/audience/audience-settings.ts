// The audience settings from the environment: AUDIENCE, STATS_TOKEN (else API_TOKEN),
// STATS_RETENTION_DAYS, STATS_FLUSH_SECONDS, REFETCH_LIMIT, TRUST_PROXY. Checked once at start like the rest of the
// configuration, with a message naming the variable.
import { ConfigError, wholeNumberSetting } from "../config.js";

export interface AudienceSettings {
  /** AUDIENCE: counting on (the default) or off. */
  enabled: boolean;
  /** STATS_TOKEN (else API_TOKEN): the token of GET /api/stats and /stats/; without one, off. */
  statsToken?: string;
  /** STATS_RETENTION_DAYS: days of figures kept (400). */
  retentionDays: number;
  /** REFETCH_LIMIT: unconditional downloads of an unchanged feed a client may make an hour. */
  refetchLimit?: number;
  /** TRUST_PROXY: proxy hops whose X-Forwarded-For gives the client address (0). */
  trustedProxies: number;
  /** STATS_FLUSH_SECONDS: how often today's figures are written (60): what a crash may lose. */
  flushSeconds: number;
}

function parseWholeNumber(
  name: string,
  text: string | undefined,
  range: { min: number; max: number; meaning: string },
): number | undefined {
  const expected = `${range.meaning}, an integer from ${range.min} to ${range.max}`;
  return wholeNumberSetting(name, text, range.min, range.max, expected);
}

function parseStatsToken(text: string | undefined): string | undefined {
  if (text === undefined || text === "") return undefined;
  if (text.length < 24 || /\s/.test(text)) {
    throw new ConfigError(
      "STATS_TOKEN: expected at least 24 characters without spaces (for example: openssl rand -hex 32)",
    );
  }
  return text;
}

export function parseAudienceSettings(
  env: NodeJS.ProcessEnv,
  apiToken: string | undefined,
): AudienceSettings {
  const switchText = (env.AUDIENCE ?? "").toLowerCase();
  if (!["", "on", "off"].includes(switchText)) {
    throw new ConfigError(`AUDIENCE: expected "on" or "off", got "${env.AUDIENCE}"`);
  }
  const statsToken = parseStatsToken(env.STATS_TOKEN) ?? apiToken;
  const refetchLimit = parseWholeNumber("REFETCH_LIMIT", env.REFETCH_LIMIT, {
    min: 2,
    max: 3600,
    meaning: "unconditional downloads of an unchanged feed allowed per client an hour",
  });
  return {
    enabled: switchText !== "off",
    ...(statsToken === undefined ? {} : { statsToken }),
    retentionDays:
      parseWholeNumber("STATS_RETENTION_DAYS", env.STATS_RETENTION_DAYS, {
        min: 1,
        max: 3660,
        meaning: "days of audience figures to keep",
      }) ?? 400,
    ...(refetchLimit === undefined ? {} : { refetchLimit }),
    flushSeconds:
      parseWholeNumber("STATS_FLUSH_SECONDS", env.STATS_FLUSH_SECONDS, {
        min: 1,
        max: 3600,
        meaning: "seconds between writes of the day's audience figures",
      }) ?? 60,
    trustedProxies:
      parseWholeNumber("TRUST_PROXY", env.TRUST_PROXY, {
        min: 0,
        max: 10,
        meaning: "the number of proxies in front of wirefeed whose X-Forwarded-For is trusted",
      }) ?? 0,
  };
}
