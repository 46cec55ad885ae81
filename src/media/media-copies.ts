// Immutable copies of the media files, laid out like their URLs
// (<folder>/<version>/<stem>.<version><ext>, see urls.ts mediaPath), from
// which /media/ is served. A media file may be replaced or overwritten in place while a podcast app
// downloads it; a URL names one version's bytes and is cached for a year as immutable, so it must
// never answer other bytes. Each copy is hashed as it is written and kept only if its hash is the
// version it is filed under: a file that changed since it was hashed gives no copy (its old URL
// answers 404; the media watcher publishes the new one), and a download reads the copy, which
// nothing overwrites, so it cannot mix versions. Copies are made on first request and the older
// versions of the same name removed then; they live under STATE_DIR and are only ever derived.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { versionedFileName } from "../urls.js";
import type { MediaFile } from "./media-folder.js";

const versionPattern = /^[0-9a-f]{16}$/;

export class MediaCopies {
  readonly dir: string;
  readonly #making = new Map<string, Promise<boolean>>();

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  /** The path of the copy of `file` relative to the folder, as /<version>/<stem>.<version><ext>. */
  static urlPath(file: Pick<MediaFile, "version" | "name">): string {
    return `/${file.version}/${encodeURIComponent(versionedFileName(file.version, file.name))}`;
  }

  /**
   * Makes sure the copy of this version of `file` exists; false when the file's bytes are no
   * longer those `file.version` names (it changed since it was read).
   */
  async ensure(file: MediaFile): Promise<boolean> {
    const target = this.#copyPath(file);
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === file.size) return true;
    const key = `${file.version}/${file.name}`;
    let making = this.#making.get(key);
    if (making === undefined) {
      making = this.#make(file).finally(() => this.#making.delete(key));
      this.#making.set(key, making);
    }
    return making;
  }

  #copyPath(file: Pick<MediaFile, "version" | "name">): string {
    return path.join(this.dir, file.version, versionedFileName(file.version, file.name));
  }

  async #make(file: MediaFile): Promise<boolean> {
    const versionDir = path.join(this.dir, file.version);
    await mkdir(versionDir, { recursive: true });
    const temporary = path.join(versionDir, `.${randomUUID()}.part`);
    const hash = createHash("sha256");
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(file.path), hashing, createWriteStream(temporary));
      if (hash.digest("hex").slice(0, 16) !== file.version) {
        await rm(temporary, { force: true });
        await rmdir(versionDir).catch(() => {});
        return false;
      }
      // Last-Modified is the file's, as it was when it was read.
      await utimes(temporary, file.modified, file.modified);
      await rename(temporary, this.#copyPath(file));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await this.#removeOtherVersions(file);
    return true;
  }

  /**
   * Older copies of the same name: their URLs answer 404 from now on, so they go; so do copies
   * filed under the plain name, as they were before the version went into it.
   */
  async #removeOtherVersions(file: MediaFile): Promise<void> {
    const versions = await readdir(this.dir).catch(() => [] as string[]);
    for (const version of versions) {
      if (!versionPattern.test(version)) continue;
      const versionDir = path.join(this.dir, version);
      await rm(path.join(versionDir, file.name), { force: true });
      if (version === file.version) continue;
      await rm(path.join(versionDir, versionedFileName(version, file.name)), { force: true });
      // Only once no other name is left in it.
      await rmdir(versionDir).catch(() => {});
    }
  }
}
