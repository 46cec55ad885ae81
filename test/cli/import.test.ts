// npm run import: scraped text in, article files out. Once through the real command in a child
// process; the rest through runImport in this process (the same code behind the same arguments).
import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { loadArticles } from "../../src/articles/load.js";
import { runImport as runImportCommand } from "../../src/cli/import.js";
import { makeArticlesDir, repoRoot } from "../support/articles-dir.js";

const execFileAsync = promisify(execFile);

async function runImportProcess(articlesDir: string, args: string[]) {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ["--import", "tsx", "src/cli/wirefeed.ts", "import", ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ARTICLES_DIR: articlesDir },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * The command in this process, with ARTICLES_DIR set for it alone: what it prints on stdout and
 * stderr, and its exit status.
 */
async function runImport(articlesDir: string, args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  vi.stubEnv("ARTICLES_DIR", articlesDir);
  const log = vi.spyOn(console, "log").mockImplementation((line: unknown) => {
    stdout.push(`${String(line)}\n`);
  });
  const error = vi.spyOn(console, "error").mockImplementation((line: unknown) => {
    stderr.push(`${String(line)}\n`);
  });
  try {
    const code = await runImportCommand(args);
    return { code, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    log.mockRestore();
    error.mockRestore();
    vi.unstubAllEnvs();
  }
}

const seedText = () => readFile(path.join(repoRoot, "test/fixtures/seed.txt"), "utf8");

describe("npm run import", () => {
  it("as a child process, turns the scraped seed into an article file that keeps the text unchanged", async () => {
    const articlesDir = await makeArticlesDir({});
    const inbox = await makeArticlesDir({ "scraped.txt": await seedText() });
    const result = await runImportProcess(articlesDir, [
      "--published",
      "2014-10-20T12:00:00+04:00",
      path.join(inbox, "scraped.txt"),
    ]);
    expect(result.code).toBe(0);
    const name = "russia-to-continue-backing-iraqi-syrian-governments-lavrov.txt";
    expect(result.stdout).toContain(`-> ${path.join(path.relative(repoRoot, articlesDir), name)}`);
    const written = await readFile(path.join(articlesDir, name), "utf8");
    expect(written.endsWith(`\n---\n${await seedText()}`)).toBe(true);
    const loaded = await loadArticles(articlesDir, { idPrefix: "tag:unused,2026:" });
    expect(loaded.problems).toEqual([]);
    expect(loaded.articles[0]).toMatchObject({
      title: "Russia to continue backing Iraqi, Syrian governments: Lavrov",
      authors: [],
      id: "tag:wirefeed.example,2026:article/russia-to-continue-backing-iraqi-syrian-governments-lavrov",
      image: { caption: "Russian Foreign Minister Sergey Lavrov" },
    });
    expect(loaded.articles[0]?.bodyHtml.split("\n")).toHaveLength(11);

    const again = await runImport(articlesDir, [
      "--published",
      "2014-10-20T12:00:00+04:00",
      path.join(inbox, "scraped.txt"),
    ]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(
      `refused ${path.join(inbox, "scraped.txt")}: slug: "${name.replace(/\.txt$/, "")}" is used by ${name}`,
    );
  });

  it("refuses files it cannot import, with the reason, and writes nothing for them", async () => {
    const articlesDir = await makeArticlesDir({});
    const inbox = await makeArticlesDir({
      "undated.txt": await seedText(),
      "empty.txt": "\n\n",
      "title-only.txt": "Just a title\n",
    });
    const files = ["undated.txt", "empty.txt", "title-only.txt", "missing.txt"].map((name) =>
      path.join(inbox, name),
    );
    const result = await runImport(articlesDir, files);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      `refused ${files[0]}: no publication date: give one with --published or in the file's front matter`,
      `refused ${files[1]}: title: the file has no text`,
      `refused ${files[2]}: no paragraphs below the title and byline`,
      expect.stringMatching(new RegExp(`^refused ${files[3]}: cannot read the file: ENOENT`)),
    ]);
    expect(await readdir(articlesDir)).toEqual([]);
  });

  it("takes the date from the file's own front matter, and rejects a bad --published", async () => {
    const articlesDir = await makeArticlesDir({});
    const inbox = await makeArticlesDir({});
    await writeFile(
      path.join(inbox, "dated.txt"),
      `---\npublished: "2026-02-01T08:00:00Z"\n---\n${await seedText()}`,
    );
    expect((await runImport(articlesDir, [path.join(inbox, "dated.txt")])).code).toBe(0);
    const bad = await runImport(articlesDir, [
      "--published",
      "yesterday",
      path.join(inbox, "dated.txt"),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--published: expected an ISO 8601 date-time with an offset, got "yesterday"',
    );
  });
});
