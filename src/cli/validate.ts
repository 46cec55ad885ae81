// npm run validate [-- [options] FILE|URL ...]: without arguments, checks what the server would
// serve (every article file, every feed) with the gate's closed grammar; with arguments, checks
// those feed files and URLs with the open validator (src/validate/open/), which accepts whatever
// the specifications allow. Prints one line per problem (or one JSON report) and a summary; exits
// 0 (no error), 1 (errors) or 2 (nothing could be checked as asked). The store's side of the work
// is in ./validation.ts.
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import type { FeedKind } from "../validate/index.js";
import { checkForeignFeed, type OpenProblem } from "../validate/open/index.js";
import { formatProblem, InputError, openInput, validateStore } from "./validation.js";

export const usage = `Usage: wirefeed validate [options] [FILE|URL ...]
(in a checkout: npm run validate [-- [options] [FILE|URL ...]])

Without arguments, checks what the server would serve, configured as the server is (ARTICLES_DIR,
MEDIA_DIR, SITE_CONFIG, SITE_URL, PORT): reads every article file in ARTICLES_DIR (and the media
files episodes name in MEDIA_DIR), builds every feed and checks each one with the gate wirefeed
runs on its own feeds, whose RSS grammar is closed (only the elements wirefeed writes).

With arguments, checks each feed file or http(s) URL (fetched, 10 s at most) in open mode, as the
specifications define the formats: RSS 2.0 (RSS Advisory Board spec, with the Best Practices
Profile's advice as warnings), Atom 1.0 feeds and entry documents, JSON Feed 1.0 and 1.1, in any
encoding XML allows. Elements of namespaces it does not know are accepted, with one warning per
name; content:, dc:, atom:, media:, itunes:, podcast:, fh:, thr: and RFC 6721's at: are checked,
and podcasts also against what Apple Podcasts and Podcast Index require.

Options:
  --kind rss|atom|json  check every FILE and URL as this format instead of detecting it
  --format text|json    one line per problem (default), or one JSON report for CI
  --media-dir DIR       compare each enclosure's type and length with the file of the same path
                        under DIR (and artwork size), when that file exists
  -h, --help            print this help

Text output: one line per problem,
  "<FILE or URL>:<line>:<column>: <element path>: <error|warning> [<rule>] <message> (<spec URL>)"
then a summary line "checked ...: N errors, M warnings".
Exit status: 0 no errors (warnings allowed); 1 errors found; 2 nothing checked as asked (bad
arguments or configuration, a file that cannot be read, a URL that cannot be fetched).
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
  format: "text" | "json";
  mediaDir?: string;
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
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") {
    throw new UsageError(`--format: expected text or json, got "${format}"`);
  }
  for (const [name, value] of [
    ["--format", values.format],
    ["--media-dir", values["media-dir"]],
  ] as const) {
    if (value !== undefined && positionals.length === 0) {
      throw new UsageError(`${name} applies to the FILE and URL arguments; none was given`);
    }
  }
  const result: CliArguments = { help: values.help ?? false, format, inputs: positionals };
  if (kind !== undefined) result.kind = kind as FeedKind;
  if (values["media-dir"] !== undefined) result.mediaDir = values["media-dir"];
  return result;
}

function parseRaw(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      kind: { type: "string" },
      format: { type: "string" },
      "media-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
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

/** One problem of the open validator as one line of text. */
export function formatOpenProblem(problem: OpenProblem): string {
  let place = problem.location;
  if (problem.line !== undefined) {
    place += `:${problem.line}`;
    if (problem.column !== undefined) place += `:${problem.column}`;
  }
  const message = problem.message.replace(/\s*[\r\n]+\s*/g, " ");
  return `${place}: ${problem.path}: ${problem.severity} [${problem.rule}] ${message} (${problem.spec})`;
}

interface InputReport {
  location: string;
  kind?: string;
  /** Why the input could not be checked at all. */
  unreadable?: string;
  errors: number;
  warnings: number;
  problems: OpenProblem[];
}

async function checkInputs(args: CliArguments, output: Output): Promise<number> {
  const reports: InputReport[] = [];
  for (const input of args.inputs) {
    const report: InputReport = { location: input, errors: 0, warnings: 0, problems: [] };
    reports.push(report);
    try {
      const checked = await checkForeignFeed(input, await openInput(input), {
        ...(args.kind === undefined ? {} : { kind: args.kind }),
        ...(args.mediaDir === undefined ? {} : { mediaDir: args.mediaDir }),
      });
      if (checked.kind !== undefined) report.kind = checked.kind;
      report.problems = checked.problems;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      report.unreadable = error.message;
      if (args.format === "text") output.err(error.message);
      continue;
    }
    report.errors = report.problems.filter((problem) => problem.severity === "error").length;
    report.warnings = report.problems.length - report.errors;
    if (args.format === "text")
      for (const problem of report.problems) output.out(formatOpenProblem(problem));
  }
  const unreadable = reports.filter((report) => report.unreadable !== undefined).length;
  const errors = reports.reduce((sum, report) => sum + report.errors, 0);
  const warnings = reports.reduce((sum, report) => sum + report.warnings, 0);
  const code = unreadable > 0 ? 2 : errors > 0 ? 1 : 0;
  if (args.format === "json") {
    output.out(
      JSON.stringify({ exitCode: code, errors, warnings, unreadable, inputs: reports }, null, 2),
    );
    return code;
  }
  const skipped = unreadable > 0 ? `; ${unreadable} could not be read` : "";
  output.out(
    `checked ${count(reports.length - unreadable, "feed")}: ${count(errors, "error")}, ${count(warnings, "warning")}${skipped}`,
  );
  return code;
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
    return args.inputs.length > 0 ? await checkInputs(args, output) : await checkStore(output, env);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`validate: ${error.message}`);
      output.err("Run wirefeed validate --help (npm run validate -- --help) for usage.");
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
