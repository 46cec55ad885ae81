// Runs one of Debian's feed readers as a subprocess in its own home folder: HOME and the XDG
// folders point into a temporary directory the test made, no proxy is inherited, and a run that
// outlives its time limit is killed and reported with what it printed.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface ClientOutput {
  stdout: string;
  stderr: string;
}

/** Work to do when the matrix ends (closing the server, removing folders), last in first out. */
export class Teardown {
  readonly #steps: (() => unknown)[] = [];
  add(step: () => unknown): void {
    this.#steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.#steps.splice(0).reverse()) await step();
  }
}

/** A new temporary folder, removed at teardown. */
export async function makeTempDir(teardown: Teardown, name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `wirefeed-${name}-`));
  teardown.add(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export function runClient(
  home: string,
  command: string,
  args: readonly string[],
  timeoutMs = 20_000,
): Promise<ClientOutput> {
  const env = {
    PATH: "/usr/bin:/bin",
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    XDG_DATA_HOME: path.join(home, ".local", "share"),
    XDG_CACHE_HOME: path.join(home, ".cache"),
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    TERM: "dumb",
    TZ: "UTC",
  };
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { cwd: home, env, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${command} ${args.join(" ")} failed (${error.signal ?? `exit ${error.code}`}):\n${stdout}\n${stderr.slice(-4000)}`,
              { cause: error },
            ),
          );
        else resolve({ stdout, stderr });
      },
    );
  });
}
