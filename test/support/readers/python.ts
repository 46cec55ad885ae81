// Runs the Python helpers beside this file with Debian's python3 (where python3-feedparser,
// rss2email and feed2exec are installed), not whatever python3 is first on a developer's PATH.
import path from "node:path";
import { runClient } from "./run-client.js";

export const debianPython = "/usr/bin/python3";

/** Runs test/support/readers/<script> with `args` and parses the JSON it prints. */
export async function runPythonHelper<T>(home: string, script: string, args: string[]): Promise<T> {
  const { stdout } = await runClient(home, debianPython, [
    path.join(import.meta.dirname, script),
    ...args,
  ]);
  return JSON.parse(stdout) as T;
}
