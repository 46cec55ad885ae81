// A folder of files served under content-hashed URLs (/<prefix>/<version>/<name>): the media
// folder's episodes and the images folder's article images. Each file is read once per version
// for what the feeds say about it (size, media type, and what its kind probes: an episode's playing
// time, an image's pixel size) and a hash of its bytes, which names the version in its URL. A file
// is read again only when its size, mtime or inode change. Only plain, regular files directly in
// the folder are read; a symbolic link only with followSymlinks and only to a file inside it.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { isInsideFolder, kindOfFile } from "../articles/article-file.js";

/** A file directly inside a served folder: no folders, nothing hidden, no surrounding spaces. */
export const servedFileNamePattern = /^[^/\\\s.](?:[^/\\]*[^/\\\s])?$/;

/** What a served folder knows about one version of a file. */
export interface ServedFile {
  name: string;
  /** Absolute path. */
  path: string;
  /** Size in bytes. */
  size: number;
  /** From the extension. */
  type: string;
  /** The first 16 hex digits of the SHA-256 of the bytes: a new file gives a new URL. */
  version: string;
  modified: Date;
}

/** A file that cannot be used, with the reason ("no such file in the media folder"). */
export class ServedFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "ServedFileError";
  }
}

/** What one kind of folder holds and reads from each file besides its hash. */
export interface FolderKind<Facts extends object> {
  /** "media folder", "images folder": how messages name it. */
  label: string;
  typesByExtension: Readonly<Record<string, string>>;
  /** Files larger than this are refused. */
  maxBytes?: number;
  /**
   * What the kind reads from a file (its fields are set only when known); a ServedFileError refuses
   * the file until it changes.
   */
  probe(file: string, name: string): Promise<Facts>;
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

async function sha256Hex(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/** The media type of a file name by its extension, or undefined for one the kind does not take. */
export function typeByExtension(
  types: Readonly<Record<string, string>>,
  name: string,
): string | undefined {
  const extension = path.extname(name).toLowerCase();
  return Object.hasOwn(types, extension) ? types[extension] : undefined;
}

export class ServedFolder<Facts extends object> {
  readonly dir: string;
  readonly #kind: FolderKind<Facts>;
  readonly #known = new Map<string, { signature: string; file: Promise<ServedFile & Facts> }>();

  /** Follow symbolic links whose target is inside the folder (FOLLOW_SYMLINKS). */
  readonly followSymlinks: boolean;

  constructor(dir: string, kind: FolderKind<Facts>, options: { followSymlinks?: boolean } = {}) {
    this.dir = path.resolve(dir);
    this.#kind = kind;
    this.followSymlinks = options.followSymlinks ?? false;
  }

  /**
   * The path of a file's bytes: the file itself, or a symbolic link's target when links are
   * followed and the target is inside the folder. Nothing outside the folder is ever read.
   */
  async #allowedPath(name: string, file: string): Promise<string> {
    const entry = await lstat(file);
    if (!entry.isSymbolicLink()) return file;
    const label = this.#kind.label;
    if (!this.followSymlinks) {
      throw new ServedFileError(
        name,
        `${name}: a symbolic link; links are not followed unless FOLLOW_SYMLINKS=1 (and never out of the ${label})`,
      );
    }
    const target = await realpath(file);
    if (!isInsideFolder(await realpath(this.dir), target)) {
      throw new ServedFileError(name, `${name}: a symbolic link to a file outside the ${label}`);
    }
    return target;
  }

  /** Reads a file's facts, or gives the kept ones when the file has not changed since. */
  async read(name: string): Promise<ServedFile & Facts> {
    const { label, typesByExtension, maxBytes } = this.#kind;
    if (!servedFileNamePattern.test(name)) {
      throw new ServedFileError(name, `not a file name inside the ${label}`);
    }
    const type = typeByExtension(typesByExtension, name);
    if (type === undefined) {
      throw new ServedFileError(
        name,
        `cannot tell the media type of "${name}"; use one of ${Object.keys(typesByExtension).join(", ")}`,
      );
    }
    let file = path.join(this.dir, name);
    let stats: Awaited<ReturnType<typeof stat>>;
    try {
      file = await this.#allowedPath(name, file);
      stats = await stat(file);
    } catch (error) {
      if (error instanceof ServedFileError) throw error;
      const reason =
        errorCode(error) === "ENOENT" ? "no such file" : `cannot read it (${errorCode(error)})`;
      throw new ServedFileError(name, `${name}: ${reason} in the ${label}`, { cause: error });
    }
    if (!stats.isFile()) {
      throw new ServedFileError(name, `${name}: not a regular file (${kindOfFile(stats)})`);
    }
    if (maxBytes !== undefined && stats.size > maxBytes) {
      throw new ServedFileError(
        name,
        `${name}: ${stats.size} bytes, more than the ${maxBytes} a file of the ${label} may have`,
      );
    }
    const signature = `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
    const known = this.#known.get(name);
    if (known?.signature === signature) return known.file;
    const read = (async (): Promise<ServedFile & Facts> => {
      const [digest, facts] = await Promise.all([sha256Hex(file), this.#kind.probe(file, name)]);
      return {
        name,
        path: file,
        size: stats.size,
        type,
        version: digest.slice(0, 16),
        modified: stats.mtime,
        ...facts,
      };
    })();
    this.#known.set(name, { signature, file: read });
    // A file its kind refuses (a probe given up on, bytes that are not an image) is not read
    // again until it changes: it would only be refused again. A failed read is tried again.
    read.catch((error: unknown) => {
      if (error instanceof ServedFileError) return;
      if (this.#known.get(name)?.file === read) this.#known.delete(name);
    });
    try {
      return await read;
    } catch (error) {
      if (error instanceof ServedFileError) throw error;
      throw new ServedFileError(name, `${name}: cannot read it from the ${label}`, {
        cause: error,
      });
    }
  }
}
