#!/usr/bin/env node
// The `wirefeed` command (package.json "bin"): one entry for the server and every tool, compiled
// to dist/ so a production install runs it without TypeScript. `npm run <command>` runs the same
// entry from the sources during development.
import { runExport } from "./export.js";
import { runImport } from "./import.js";
import { runMembers } from "./members.js";
import { runStats } from "./stats.js";
import { runValidate } from "./validate.js";

export const usage = `Usage: wirefeed <command> [arguments]

Commands:
  serve              run the server (configured by PORT, HOST, SITE_URL, ARTICLES_DIR, ...)
  validate [...]     check the articles and every feed, or given feed files and URLs
  export DIR         write every feed and page as static files into DIR
  import FILE...     import scraped plain-text articles into ARTICLES_DIR
  members [--json]   list the subscribers of member feeds and their feed URLs
  stats [--days N]   print subscribers and polling figures from STATE_DIR
  help               print this help

Run "wirefeed <command> --help" for a command's own options.`;

const serveUsage = `Usage: wirefeed serve

Runs the server; it takes no arguments. It is configured by environment variables (PORT, HOST,
SITE_URL, ARTICLES_DIR, SITE_CONFIG, STATE_DIR, ...: see the README's Configuration) and stops
cleanly on SIGTERM or SIGINT.`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  serve: async (args) => {
    if (args.length > 0) {
      const help = args.length === 1 && (args[0] === "--help" || args[0] === "-h");
      (help ? console.log : console.error)(serveUsage);
      return help ? 0 : 2;
    }
    const { serve } = await import("../server.js");
    await serve();
    return 0;
  },
  validate: (args) =>
    runValidate(args, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    }),
  export: runExport,
  import: runImport,
  stats: (args) =>
    runStats(args, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    }),
  members: (args) =>
    runMembers(args, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    }),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? console.error : console.log)(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    console.error(`wirefeed: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    // `serve` keeps running: its exit is decided by its own shutdown.
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`wirefeed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
