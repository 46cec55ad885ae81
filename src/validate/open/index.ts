// The open validator, for feeds wirefeed did not write (`npm run validate FILE|URL`): RSS 2.0 as
// the RSS Advisory Board specifies it, Atom 1.0 feed and entry documents, JSON Feed 1.0 and 1.1,
// and the extensions feeds use, with the podcast directories' rules. Unlike the gate (../index.ts),
// which keeps a closed grammar for wirefeed's own output, it accepts what the specifications allow
// and names every fault once: its line, column, element path, rule, severity and spec section.
// XML is read as a stream, so time and memory stay linear in the feed's size.
import { checkJsonFeed } from "./json-feed.js";
import { type OpenProblem, ProblemList } from "./problem.js";
import type { CheckOptions } from "./vocabulary.js";
import { XmlFeedChecker } from "./xml-check.js";

export type { OpenProblem, Severity } from "./problem.js";
export { type RuleId, type RuleInfo, ruleCatalog } from "./rules.js";
export type { CheckOptions } from "./vocabulary.js";

export type ForeignFeedKind = "rss" | "atom" | "json";

export interface ForeignFeedReport {
  /** What the document turned out to be, when that could be told. */
  kind?: ForeignFeedKind | "atom-entry";
  problems: OpenProblem[];
}

export interface ForeignFeedOptions extends CheckOptions {
  /** Check the document as this format instead of telling it from its first bytes. */
  kind?: ForeignFeedKind;
}

/** JSON Feeds are parsed whole; past this size they are refused rather than read into memory. */
const maxJsonBytes = 64 * 1024 * 1024;

/** Checks one document, read chunk by chunk from `source`. */
export async function checkForeignFeed(
  location: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ForeignFeedOptions = {},
): Promise<ForeignFeedReport> {
  let checker: XmlFeedChecker | undefined;
  const jsonChunks: Uint8Array[] = [];
  let jsonBytes = 0;
  let mode: "undecided" | "xml" | "json" | "neither" = "undecided";
  for await (const chunk of source) {
    if (mode === "undecided")
      mode = options.kind === undefined ? sniff(chunk) : options.kind === "json" ? "json" : "xml";
    if (mode === "undecided") continue;
    if (mode === "xml") {
      checker ??= new XmlFeedChecker(location, options);
      checker.write(chunk);
    } else if (mode === "json") {
      jsonBytes += chunk.length;
      if (jsonBytes > maxJsonBytes) break;
      jsonChunks.push(chunk);
    } else {
      break;
    }
  }
  if (mode === "xml" && checker !== undefined) {
    const problems = checker.end();
    const root = checker.root;
    const kind =
      root === undefined
        ? undefined
        : root === "rss"
          ? "rss"
          : root === "atom-feed"
            ? "atom"
            : "atom-entry";
    if (
      kind !== undefined &&
      options.kind !== undefined &&
      options.kind !== (kind === "atom-entry" ? "atom" : kind)
    ) {
      const list = new ProblemList(location);
      list.report(
        "unknown-root",
        { line: 1, column: 1, path: "/" },
        `the document is ${kind === "atom-entry" ? "an Atom entry" : kind.toUpperCase()}, not ${options.kind.toUpperCase()} as --kind says`,
      );
      return { kind, problems: list.problems };
    }
    return kind === undefined ? { problems } : { kind, problems };
  }
  const list = new ProblemList(location);
  if (mode === "json") {
    if (jsonBytes > maxJsonBytes) {
      list.report(
        "json-syntax",
        { path: "" },
        `the JSON document is larger than ${maxJsonBytes / 1024 / 1024} MiB, more than this validator reads`,
      );
      return { kind: "json", problems: list.problems };
    }
    return { kind: "json", problems: checkJsonFeed(list, Buffer.concat(jsonChunks)) };
  }
  list.report(
    "unknown-document",
    { line: 1, column: 1, path: "/" },
    mode === "undecided"
      ? "the document is empty"
      : "the document is neither XML (RSS, Atom) nor JSON (JSON Feed): it does not start with < or {",
  );
  return { problems: list.problems };
}

/** XML or JSON, from the first character that is not whitespace or a byte order mark. */
function sniff(chunk: Uint8Array): "undecided" | "xml" | "json" | "neither" {
  let at = 0;
  if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) at = 3;
  // UTF-16 and UTF-32 documents start with a mark or a zero byte: only XML can be written so.
  if (chunk[0] === 0xfe || chunk[0] === 0xff || chunk[0] === 0) return "xml";
  for (; at < chunk.length; at += 1) {
    const byte = chunk[at];
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    if (byte === 0x3c) return "xml";
    if (byte === 0x7b || byte === 0x5b) return "json";
    return "neither";
  }
  return "undecided";
}
