// A child process that rewrites one article file again and again through writeFileAtomic, until
// it is killed. Usage: tsx test/support/repeat-writer.ts DIR NAME. Prints "wrote N" after each.
import { writeFileAtomic } from "../../src/articles/write.js";
import { markdownArticle } from "./articles-dir.js";

const [dir, name] = process.argv.slice(2);
if (dir === undefined || name === undefined) throw new Error("usage: repeat-writer.ts DIR NAME");

/** Version n of the article: a large body so a write takes long enough to be interrupted. */
function version(n: number): string {
  return markdownArticle(
    { title: `Version ${n}`, published: "2026-01-01T00:00:00Z" },
    `${`Paragraph of version ${n}. `.repeat(10_000)}`,
  );
}

for (let n = 1; ; n++) {
  await writeFileAtomic(dir, name, version(n));
  process.stdout.write(`wrote ${n}\n`);
}
