// The ledger's journal on disk: read back at open, robust to a line cut short by a crash, and
// kept in proportion to the number of paths, not to the number of changes.
import { appendFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { LastModifiedLedger } from "../../src/state/last-modified-ledger.js";

async function makeStateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-ledger-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function journalOf(stateDir: string): Promise<string> {
  const [name] = (await readdir(stateDir)).filter((file) => file.startsWith("last-modified-"));
  return path.join(stateDir, name as string);
}

const articlesDir = "/srv/articles";
const data = new Date("2026-03-02T08:00:00.750Z");
const t0 = Date.parse("2026-06-01T00:00:00Z");

describe("the Last-Modified ledger", () => {
  it("gives new bytes at a known path the newest of data, change time and previous + 1 s", async () => {
    const ledger = new LastModifiedLedger(articlesDir);
    expect(ledger.lastModified("/rss.xml", "e1", data, t0).toISOString()).toBe(
      "2026-03-02T08:00:00.000Z",
    );
    expect(ledger.lastModified("/rss.xml", "e1", data, t0 + 5000).toISOString()).toBe(
      "2026-03-02T08:00:00.000Z",
    );
    expect(ledger.lastModified("/rss.xml", "e2", data, t0 + 999).getTime()).toBe(t0);
    expect(ledger.lastModified("/rss.xml", "e3", data, t0 - 60_000).getTime()).toBe(t0 + 1000);
    const later = new Date(t0 + 86_400_000);
    expect(ledger.lastModified("/rss.xml", "e4", later, t0).getTime()).toBe(later.getTime());
  });

  it("is read back after a restart, skipping a line cut short", async () => {
    const stateDir = await makeStateDir();
    const first = new LastModifiedLedger(articlesDir, { stateDir });
    first.lastModified("/rss.xml", "e1", data, t0);
    first.lastModified("/rss.xml", "e2", data, t0 + 10_000);
    await appendFile(await journalOf(stateDir), '{"path":"/rss.xml","etag":"e3","sec');
    const second = new LastModifiedLedger(articlesDir, { stateDir });
    expect(second.lastModified("/rss.xml", "e2", data, t0 + 99_000).getTime()).toBe(t0 + 10_000);
    expect(second.lastModified("/rss.xml", "e3", data, t0).getTime()).toBe(t0 + 11_000);
  });

  it("keeps one journal per articles folder", async () => {
    const stateDir = await makeStateDir();
    new LastModifiedLedger("/srv/one", { stateDir }).lastModified("/rss.xml", "e1", data, t0);
    const other = new LastModifiedLedger("/srv/two", { stateDir });
    expect(other.size).toBe(0);
  });

  it("rewrites a journal grown past twice its paths to one line per path", async () => {
    const stateDir = await makeStateDir();
    const ledger = new LastModifiedLedger(articlesDir, { stateDir });
    for (let change = 0; change < 500; change += 1)
      ledger.lastModified(`/p${change % 3}`, `e${change}`, data, t0 + change * 1000);
    const grown = (await readFile(await journalOf(stateDir), "utf8")).split("\n").length;
    expect(grown).toBeGreaterThan(500);
    const reopened = new LastModifiedLedger(articlesDir, { stateDir });
    expect(reopened.size).toBe(3);
    const lines = (await readFile(await journalOf(stateDir), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(reopened.lastModified("/p2", "e497", data, 0).getTime()).toBe(t0 + 497_000);
  });
});
