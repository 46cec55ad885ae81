// Real article folders on disk for tests: each test makes its own and removes it afterwards.
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const seedArticleFile = path.join(repoRoot, "articles", "000_d0c35f80829a8acd.txt");

/** A new temporary folder holding the given files; removed when the test ends (or by `cleanup`). */
export async function makeArticlesDir(
  files: Record<string, string>,
  options: { withSeed?: boolean; cleanup?: (remove: () => Promise<void>) => void } = {},
) {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-test-"));
  (options.cleanup ?? onTestFinished)(() => rm(dir, { recursive: true, force: true }));
  if (options.withSeed) await cp(seedArticleFile, path.join(dir, path.basename(seedArticleFile)));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/** Front matter plus a Markdown body. */
export function markdownArticle(meta: Record<string, unknown>, body = "Body text."): string {
  return `---\n${JSON.stringify(meta)}\n---\n${body}\n`;
}
