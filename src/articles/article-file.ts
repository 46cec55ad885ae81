// Reads the text of one article file, and nothing but regular files inside the articles folder:
// FIFOs, sockets, devices and directories are refused without being opened for reading; symbolic
// links are followed only when allowed, and never to a file outside the folder; a file over the
// size limit is refused with its size before it is read.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  type Stats,
  statSync,
} from "node:fs";
import path from "node:path";
import { invalidUtf8Warning } from "./utf8-check.js";

/** 2 MiB: ten times a long feature, twice what Google News accepts for one article. */
export const defaultMaxArticleBytes = 2 * 1024 * 1024;

export interface FileLimits {
  /** Files larger than this are refused (MAX_ARTICLE_BYTES). */
  maxArticleBytes?: number;
  /** Follow symbolic links whose target is inside the folder (FOLLOW_SYMLINKS). */
  followSymlinks?: boolean;
}

/**
 * What reading gave: the text (with a warning when its bytes are not all UTF-8), a reason it was
 * refused, or nothing (the file is gone).
 */
export type FileText = { text: string; warning?: string } | { refused: string } | undefined;

/** "a FIFO", "a socket" ...: what a non-regular file is, for the report. */
export function kindOfFile(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

/** Whether `file` (a real path) lies inside `dir` (a real path). */
export function isInsideFolder(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/** "EACCES: permission denied", without the absolute path node adds (reports are public). */
export function fileErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return errorCode(error) === undefined ? message : (message.split(", ")[0] ?? message);
}

/** "2.4 MiB (2,516,582 bytes)" */
export function describeSize(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes.toLocaleString("en")} bytes)`;
}

/**
 * Where the file's bytes are, once it is known to be allowed: the path itself, or a symbolic
 * link's target inside the folder. A refusal is a string.
 */
function allowedTarget(
  dir: string,
  file: string,
  follow: boolean,
  folder: string,
): { target: string } | { refused: string } | undefined {
  const entry = lstatSync(file, { throwIfNoEntry: false });
  if (entry === undefined) return undefined;
  if (!entry.isSymbolicLink()) return regularFile(file, entry);
  if (!follow) {
    return {
      refused: `a symbolic link; links are not followed unless FOLLOW_SYMLINKS=1 (and never out of the ${folder} folder)`,
    };
  }
  let target: string;
  try {
    target = realpathSync(file);
  } catch (error) {
    if (errorCode(error) === "ENOENT")
      return { refused: "a symbolic link whose target is missing" };
    return { refused: `cannot follow the symbolic link: ${fileErrorReason(error)}` };
  }
  if (!isInsideFolder(realpathSync(dir), target)) {
    return { refused: `a symbolic link to a file outside the ${folder} folder; not read` };
  }
  return regularFile(target, statSync(target));
}

/** Refuses anything but a regular file, from its stats: a FIFO or socket is never opened. */
function regularFile(target: string, stats: Stats): { target: string } | { refused: string } {
  if (stats.isFile()) return { target };
  return { refused: `not a regular file (${kindOfFile(stats)}); skipped` };
}

/**
 * Reads dir/name as UTF-8 within the limits. Opening is non-blocking and the open file is checked
 * again (fstat), so a file swapped for a FIFO between the checks still cannot stall the reader.
 */
export function readArticleText(dir: string, name: string, limits: FileLimits = {}): FileText {
  const max = limits.maxArticleBytes ?? defaultMaxArticleBytes;
  const file = path.join(dir, name);
  let fd: number | undefined;
  try {
    const allowed = allowedTarget(dir, file, limits.followSymlinks ?? false, "articles");
    if (allowed === undefined || "refused" in allowed) return allowed;
    const noFollow = allowed.target === file ? constants.O_NOFOLLOW : 0;
    fd = openSync(allowed.target, constants.O_RDONLY | constants.O_NONBLOCK | noFollow);
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { refused: `not a regular file (${kindOfFile(stats)}); skipped` };
    if (stats.size > max) {
      return {
        refused: `the file is ${describeSize(stats.size)}, over the limit of ${describeSize(max)} (MAX_ARTICLE_BYTES)`,
      };
    }
    const bytes = readFileSync(fd);
    if (bytes.length > max) {
      return { refused: `the file grew past the limit of ${describeSize(max)} while being read` };
    }
    const warning = invalidUtf8Warning(bytes);
    const text = bytes.toString("utf8");
    return warning === undefined ? { text } : { text, warning };
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    if (errorCode(error) === "ELOOP") {
      return { refused: "a symbolic link; links are not followed unless FOLLOW_SYMLINKS=1" };
    }
    return { refused: `cannot read the file: ${fileErrorReason(error)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
