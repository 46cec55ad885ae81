// npm run validate [-- [--kind rss|atom|json] FILE|URL ...]: without arguments, checks what the
// server would serve (every article file, every feed); with arguments, checks those feed files
// and URLs. Prints one line per problem and a summary; exits 0 (no problem), 1 (problems) or 2
// (nothing could be checked as asked). The work is done in ./validation.ts.
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import type { FeedKind } from "../validate/index.js";
import {
  formatProblem,
  InputError,
  type ReportedProblem,
  readInput,
  validateDocument,
  validateStore,
} from "./validation.js";

export const usage = `Usage: npm run validate [-- [--kind rss|atom|json] [FILE|URL ...]]

Without arguments, checks what the server would serve, configured as the server is (ARTICLES_DIR,
MEDIA_DIR, SITE_CONFIG, SITE_URL, PORT): reads every article file in ARTICLES_DIR (and the media
files episodes name in MEDIA_DIR), builds every feed and checks each one. With arguments, checks each feed file or http(s) URL (fetched, 10 s at most).

Options:
  --kind rss|atom|json  check every FILE and URL as this format instead of detecting it
  -h, --help            print this help

Output: one line per problem, "<article file, feed path, FILE or URL>:<line>:<column>: <message>"
(line and column only when known), then a summary line "checked ...: N problems".
Exit status: 0 no problems; 1 problems found; 2 nothing checked as asked (bad arguments or
configuration, a file that cannot be read, a URL that cannot be fetched).

The checks are the ones wirefeed runs on its own feeds, stricter than the specifications:
  RSS        the grammar is closed: it covers the RSS 2.0 core plus the content:, dc: and atom:
             extensions, and the fh:, media:, itunes: and podcast: elements wirefeed writes
             (with Apple's rules: explicit is true or false, episode and season numbers are
             positive, an enclosure has an http(s) URL, a length and a type), and reports any
             other element, attribute or namespace (such as itunes:summary) as an error,
             although RSS 2.0 allows them. Other feeds may fail for that alone.
  Atom       RFC 4287, extension elements allowed.
  JSON Feed  version 1.1 only.
  All        UTF-8 only; ids unique; dates in their format's exact form.
`;

const feedKinds: readonly FeedKind[] = ["rss", "atom", "json"];

export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }
}

export interface CliArguments {
  help: boolean;
  kind?: FeedKind;
  inputs: string[];
}

export function parseArguments(argv: readonly string[]): CliArguments {
  let parsed: ReturnType<typeof parseRaw>;
  try {
    parsed = parseRaw(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const { values, positionals } = parsed;
  const kind = values.kind;
  if (kind !== undefined && !feedKinds.includes(kind as FeedKind)) {
    throw new UsageError(`--kind: expected rss, atom or json, got "${kind}"`);
  }
  if (kind !== undefined && positionals.length === 0) {
    throw new UsageError("--kind applies to the FILE and URL arguments; none was given");
  }
  const result: CliArguments = { help: values.help ?? false, inputs: positionals };
  if (kind !== undefined) result.kind = kind as FeedKind;
  return result;
}

function parseRaw(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: { kind: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

async function checkInputs(
  inputs: readonly string[],
  kind: FeedKind | undefined,
  output: Output,
): Promise<number> {
  const problems: ReportedProblem[] = [];
  let unreadable = 0;
  for (const input of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = await readInput(input);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      output.err(error.message);
      unreadable += 1;
      continue;
    }
    const found = validateDocument(input, bytes, kind);
    for (const problem of found) output.out(formatProblem(problem));
    problems.push(...found);
  }
  const skipped = unreadable > 0 ? `; ${unreadable} could not be read` : "";
  output.out(
    `checked ${count(inputs.length - unreadable, "feed")}: ${count(problems.length, "problem")}${skipped}`,
  );
  if (unreadable > 0) return 2;
  return problems.length > 0 ? 1 : 0;
}

async function checkStore(output: Output, env: NodeJS.ProcessEnv): Promise<number> {
  const config = loadConfig(env, process.cwd());
  const report = await validateStore(config);
  for (const warning of report.warnings) output.out(`warning: ${warning}`);
  for (const problem of report.problems) output.out(formatProblem(problem));
  output.out(
    `checked ${count(report.articleFiles, "article file")} and ${count(report.feeds, "feed")}: ${count(report.problems.length, "problem")}`,
  );
  return report.problems.length > 0 ? 1 : 0;
}

/**
 * Runs the command and returns its exit status. `env` holds the settings (ARTICLES_DIR,
 * SITE_CONFIG ...): the process's own unless a caller runs the command in-process.
 */
export async function runValidate(
  argv: readonly string[],
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const args = parseArguments(argv);
    if (args.help) {
      output.out(usage.trimEnd());
      return 0;
    }
    return args.inputs.length > 0
      ? await checkInputs(args.inputs, args.kind, output)
      : await checkStore(output, env);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`validate: ${error.message}`);
      output.err("Run npm run validate -- --help for usage.");
      return 2;
    }
    if (error instanceof ConfigError || error instanceof InputError) {
      output.err(error.message);
      return 2;
    }
    // A broken installation (a schema that cannot be loaded) or a bug: nothing was checked.
    output.err(`validate: cannot check: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
