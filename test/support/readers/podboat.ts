// podboat, newsboat's podcast downloader, on the queue a newsboat profile filled. podboat only
// runs in a terminal: it is started under script(1) (a pseudo-terminal) with -a (download the
// queue at once), and told to quit with "q" once every queued file has the size the server
// announces (podboat writes the queue's states only when it quits). What it holds is the queue
// (URL, file, state) and the files it wrote.
import { spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

export interface QueuedEpisode {
  url: string;
  file: string;
  /** "downloaded", "failed", ... or "" while queued. */
  state: string;
}

/** Reads podboat's queue file: one `URL "file" [state]` line per episode. */
export async function readPodcastQueue(profile: string): Promise<QueuedEpisode[]> {
  const text = await readFile(path.join(profile, ".newsboat", "queue"), "utf8").catch(() => "");
  return text
    .split("\n")
    .map((line) => /^(\S+) "([^"]*)"\s*(\S*)/.exec(line))
    .filter((match) => match !== null)
    .map(([, url = "", file = "", state = ""]) => ({ url, file, state }));
}

async function sizeOf(file: string): Promise<number | undefined> {
  return (await stat(file).catch(() => undefined))?.size;
}

/**
 * Runs podboat on a newsboat profile until every episode still queued is downloaded (its file has
 * the length `lengthOf` gives for its URL); gives up after `timeoutMs`. Returns the queue.
 */
export async function downloadQueue(
  profile: string,
  lengthOf: (url: string) => Promise<number>,
  timeoutMs = 20_000,
): Promise<QueuedEpisode[]> {
  const waiting = (await readPodcastQueue(profile)).filter((episode) => episode.state === "");
  const lengths = await Promise.all(waiting.map((episode) => lengthOf(episode.url)));
  const command = [
    "podboat",
    "-a",
    "-C",
    path.join(profile, "config"),
    "-q",
    path.join(profile, ".newsboat", "queue"),
  ].join(" ");
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: profile,
    env: { PATH: "/usr/bin:/bin", HOME: profile, TERM: "xterm", LANG: "C.UTF-8", TZ: "UTC" },
    stdio: ["pipe", "ignore", "ignore"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const sizes = await Promise.all(waiting.map((episode) => sizeOf(episode.file)));
      if (sizes.every((size, index) => size === lengths[index])) break;
      if (Date.now() > deadline)
        throw new Error(
          `podboat did not download ${JSON.stringify(waiting)} in ${timeoutMs} ms: sizes ${JSON.stringify(sizes)}, expected ${JSON.stringify(lengths)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.stdin.write("q");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
  }
  return readPodcastQueue(profile);
}
