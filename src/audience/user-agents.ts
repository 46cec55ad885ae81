// Names the client behind a User-Agent from the maintained table in user-agents.json (each entry
// with the source of its format) and reads the subscriber count and feed id that hosted
// aggregators put in it. Results are memoized: pollers repeat the same few strings.
import table from "./user-agents.json" with { type: "json" };

/** aggregator: fetches for many people; reader: one person's install; hub; bot. */
export type ClientKind = "aggregator" | "reader" | "hub" | "bot";

export interface ClientIdentity {
  /** The client family: a name from the table, or "other" (never the User-Agent itself). */
  family: string;
  kind: ClientKind;
  /** The subscriber count the User-Agent reports, when it reports one. */
  subscribers?: number;
  /** The aggregator's own id of the feed (Feedly, Feedbin, The Old Reader ...), when given. */
  feedId?: string;
}

export interface UserAgentEntry {
  name: string;
  kind: ClientKind;
  pattern: string;
  source: string;
  example: string;
  /** Why the example is not a User-Agent seen in a real request, when it is not. */
  unverified?: string;
}

interface CompiledEntry {
  name: string;
  kind: ClientKind;
  pattern: RegExp;
}

export const userAgentEntries: readonly UserAgentEntry[] = table.entries.map((entry) => ({
  ...entry,
  kind: entry.kind as ClientKind,
}));

const compiled: CompiledEntry[] = userAgentEntries.map((entry) => ({
  name: entry.name,
  kind: entry.kind,
  pattern: new RegExp(entry.pattern),
}));
const countPattern = new RegExp(table.countPattern, "i");
const feedIdPattern = new RegExp(table.feedIdPattern, "i");

/** Longer User-Agents are not looked at past this many characters. */
const longestUserAgent = 512;
const memoLimit = 2048;
const memo = new Map<string, ClientIdentity>();
const unnamed: ClientIdentity = { family: "other", kind: "reader" };

function classify(userAgent: string): ClientIdentity {
  const text = userAgent.slice(0, longestUserAgent);
  const entry = compiled.find((candidate) => candidate.pattern.test(text));
  const count = countPattern.exec(text)?.[1];
  // JSON Feed 1.1 asks web-based readers to send a count: an unlisted one is still an aggregator.
  if (entry === undefined && count === undefined) return unnamed;
  const identity: ClientIdentity =
    entry === undefined
      ? { family: "unlisted aggregator", kind: "aggregator" }
      : { family: entry.name, kind: entry.kind };
  // Only services say how many they fetch for; a person's reader claiming a count is ignored.
  if (identity.kind === "reader" || identity.kind === "bot") return identity;
  if (count !== undefined) identity.subscribers = Number(count);
  const feedId = feedIdPattern.exec(text)?.[1];
  if (feedId !== undefined) identity.feedId = feedId;
  return identity;
}

/** Who is asking, from the User-Agent header (absent or empty: "other"). */
export function identifyClient(userAgent: string | undefined): ClientIdentity {
  if (userAgent === undefined || userAgent === "") return unnamed;
  let identity = memo.get(userAgent);
  if (identity === undefined) {
    identity = classify(userAgent);
    if (memo.size >= memoLimit) memo.clear();
    memo.set(userAgent, identity);
  }
  return identity;
}
