// Notices the articles folder itself being replaced, which a watch on it cannot see: the folder
// deleted and made again, or a symbolic link to a release swapped for a link to another. The
// folder is looked up by its path every so often (one stat); a new device and inode is a new
// folder, to be read and watched again; no folder at the path is a fault to report.
import { statSync } from "node:fs";

export type FolderState = "missing" | "replaced";

/** The folder at `dir` as a stat sees it through any links, or undefined when there is none. */
function folderIdentity(dir: string): string | undefined {
  try {
    const stats = statSync(dir, { throwIfNoEntry: false });
    return stats?.isDirectory() ? `${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Looks at the folder at `dir` every `everyMs` and calls `onChange` when it goes missing, and when
 * a folder is there again that is not the one last seen (or after it was missing). Returns the
 * function that stops looking.
 */
export function watchFolderItself(
  dir: string,
  onChange: (state: FolderState) => void,
  everyMs: number,
): () => void {
  let known = folderIdentity(dir);
  let missing = known === undefined;
  const timer = setInterval(() => {
    const now = folderIdentity(dir);
    if (now === undefined) {
      if (!missing) onChange("missing");
      missing = true;
      return;
    }
    if (missing || now !== known) {
      known = now;
      missing = false;
      onChange("replaced");
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
