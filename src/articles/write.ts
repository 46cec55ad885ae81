// Writing article files so that a crash at any moment leaves either the old file or the new one:
// the text goes to a hidden temporary file in the same folder, is flushed to disk, then renamed
// over the target (rename is atomic within a file system), and the folder entry is flushed too.
// A new file is linked instead of renamed, so it can never replace a file that appeared meanwhile.
import { randomBytes } from "node:crypto";
import { link, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { dump } from "js-yaml";

/** Temporary files start with a dot, so the store and the watcher never read them. */
export function temporaryNameFor(name: string): string {
  return `.${name}.${randomBytes(6).toString("hex")}.tmp`;
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a new file and flushes it to disk. */
async function writeDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, "wx", 0o644);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces (or creates) dir/name with text, atomically and durably. */
export async function writeFileAtomic(dir: string, name: string, text: string): Promise<void> {
  const temporary = path.join(dir, temporaryNameFor(name));
  try {
    await writeDurably(temporary, text);
    await rename(temporary, path.join(dir, name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

/**
 * Creates dir/name with text, atomically and durably, and never over an existing file: the
 * temporary file is linked to the name, which fails with EEXIST if anything holds it already.
 */
export async function writeNewFileAtomic(dir: string, name: string, text: string): Promise<void> {
  const temporary = path.join(dir, temporaryNameFor(name));
  try {
    await writeDurably(temporary, text);
    await link(temporary, path.join(dir, name));
  } finally {
    await rm(temporary, { force: true });
  }
  await syncFolder(dir);
}

/** Removes dir/name and flushes the folder entry. */
export async function removeFile(dir: string, name: string): Promise<void> {
  await rm(path.join(dir, name));
  await syncFolder(dir);
}

/** An article file's text: YAML front matter (keys in the given order) and the body. */
export function articleFileText(frontMatter: Record<string, unknown>, body: string): string {
  const yaml = dump(frontMatter, { lineWidth: -1, noRefs: true, quotingType: '"' });
  return `---\n${yaml}---\n${body}`;
}
