// The media folder (MEDIA_DIR): podcast audio and video files, each read once per version for what
// a feed says about it (size, media type, playing time) and a hash of its bytes, which names the
// version in its URL (/media/<version>/<name>). A file is read again only when its size, mtime or
// inode change; the store and the HTTP handler share the one cache.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { isInsideFolder, kindOfFile } from "../articles/article-file.js";
import { readDurationSeconds } from "./audio-duration.js";
import { type DurationProbe, DurationProbeError } from "./duration-probe.js";
import { mediaFileNamePattern, mediaTypeOf, mediaTypesByExtension } from "./media-types.js";

/** What the folder knows about one version of a file. */
export interface MediaFile {
  name: string;
  /** Absolute path. */
  path: string;
  /** Size in bytes. */
  size: number;
  /** From the extension (media-types.ts). */
  type: string;
  /** The first 16 hex digits of the SHA-256 of the bytes: a new file gives a new URL. */
  version: string;
  modified: Date;
  /** Whole seconds, when music-metadata can read it. */
  durationSeconds?: number;
}

/** A media file that cannot be used, with the reason ("no such file in the media folder"). */
export class MediaFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "MediaFileError";
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

async function sha256Hex(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

export class MediaFolder {
  readonly dir: string;
  readonly #known = new Map<string, { signature: string; file: Promise<MediaFile> }>();

  /** Follow symbolic links whose target is inside the folder (FOLLOW_SYMLINKS). */
  readonly followSymlinks: boolean;

  /** Reads a file's playing time: here, unless a bounded probe is given (duration-probe.ts). */
  readonly #probeDuration: DurationProbe;

  constructor(
    dir: string,
    options: { followSymlinks?: boolean; probeDuration?: DurationProbe } = {},
  ) {
    this.dir = path.resolve(dir);
    this.followSymlinks = options.followSymlinks ?? false;
    this.#probeDuration = options.probeDuration ?? readDurationSeconds;
  }

  /**
   * The path of a file's bytes: the file itself, or a symbolic link's target when links are
   * followed and the target is inside the folder. Nothing outside the folder is ever read.
   */
  async #allowedPath(name: string, file: string): Promise<string> {
    const entry = await lstat(file);
    if (!entry.isSymbolicLink()) return file;
    if (!this.followSymlinks) {
      throw new MediaFileError(
        name,
        `${name}: a symbolic link; links are not followed unless FOLLOW_SYMLINKS=1 (and never out of the media folder)`,
      );
    }
    const target = await realpath(file);
    if (!isInsideFolder(await realpath(this.dir), target)) {
      throw new MediaFileError(name, `${name}: a symbolic link to a file outside the media folder`);
    }
    return target;
  }

  /** Reads a file's facts, or gives the kept ones when the file has not changed since. */
  async read(name: string): Promise<MediaFile> {
    if (!mediaFileNamePattern.test(name)) {
      throw new MediaFileError(name, "not a file name inside the media folder");
    }
    const type = mediaTypeOf(name);
    if (type === undefined) {
      throw new MediaFileError(
        name,
        `cannot tell the media type of "${name}"; use one of ${Object.keys(mediaTypesByExtension).join(", ")}`,
      );
    }
    let file = path.join(this.dir, name);
    let stats: Awaited<ReturnType<typeof stat>>;
    try {
      file = await this.#allowedPath(name, file);
      stats = await stat(file);
    } catch (error) {
      if (error instanceof MediaFileError) throw error;
      const reason =
        errorCode(error) === "ENOENT" ? "no such file" : `cannot read it (${errorCode(error)})`;
      throw new MediaFileError(name, `${name}: ${reason} in the media folder`, { cause: error });
    }
    if (!stats.isFile()) {
      throw new MediaFileError(name, `${name}: not a regular file (${kindOfFile(stats)})`);
    }
    const signature = `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
    const known = this.#known.get(name);
    if (known?.signature === signature) return known.file;
    const read = (async (): Promise<MediaFile> => {
      try {
        const [digest, durationSeconds] = await Promise.all([
          sha256Hex(file),
          this.#probeDuration(file),
        ]);
        const facts: MediaFile = {
          name,
          path: file,
          size: stats.size,
          type,
          version: digest.slice(0, 16),
          modified: stats.mtime,
        };
        if (durationSeconds !== undefined) facts.durationSeconds = durationSeconds;
        return facts;
      } catch (error) {
        const reason =
          error instanceof DurationProbeError
            ? `${error.message}; refused`
            : "cannot read it from the media folder";
        throw new MediaFileError(name, `${name}: ${reason}`, { cause: error });
      }
    })();
    this.#known.set(name, { signature, file: read });
    // A probe given up on is not tried again until the file changes: it would only fail again.
    read.catch((error: unknown) => {
      if (error instanceof Error && error.cause instanceof DurationProbeError) return;
      if (this.#known.get(name)?.file === read) this.#known.delete(name);
    });
    return read;
  }
}
