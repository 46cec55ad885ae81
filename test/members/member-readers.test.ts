// A paying subscriber's real reader: Debian's newsboat subscribes to a private podcast feed and
// podboat, its podcast downloader, fetches the members-only episode through the signed link.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, onTestFinished } from "vitest";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { testPodcastSite } from "../support/podcast-site.js";
import { pollUntil } from "../support/poll.js";
import { startTestServer } from "../support/server.js";
import { makeMediaDir, wavBytes } from "../support/wav.js";

const run = promisify(execFile);
const apiToken = "member-reader-api-token-0123456789";
const episode = wavBytes({ seconds: 1, frequency: 659 });
const marker = "Qk2 members-only body";

describe("a subscriber's newsboat and podboat", () => {
  it("read the private feed in full and download the members episode", async () => {
    const dir = await makeArticlesDir({
      "paid.md": markdownArticle(
        {
          title: "Members briefing",
          published: "2026-03-02T08:00:00Z",
          access: "members",
          enclosure: { file: "briefing.wav" },
        },
        `The ${marker}.`,
      ),
    });
    const mediaDir = await makeMediaDir({ "briefing.wav": episode });
    const home = await mkdtemp(path.join(tmpdir(), "wirefeed-newsboat-"));
    onTestFinished(() => rm(home, { recursive: true, force: true }));
    const { baseUrl } = await startTestServer(dir, {
      site: testPodcastSite(),
      mediaDir,
      apiToken,
      members: {
        key: "member-reader-key-0123456789abcdef",
        file: path.join(home, "members.json"),
        mediaLinkHours: 24,
        maxAddresses: 0,
      },
    });
    const created = await fetch(`${baseUrl}/api/members`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ id: "listener" }),
    });
    const { feeds } = (await created.json()) as { feeds: { podcast: string } };

    const env = { ...process.env, HOME: home, TERM: "xterm" };
    const urls = path.join(home, "urls");
    const cache = path.join(home, "cache.db");
    const config = path.join(home, "config");
    await writeFile(urls, `${feeds.podcast}\n`);
    await writeFile(config, `download-path "${home}"\n`);
    await run("newsboat", ["-u", urls, "-c", cache, "-C", config, "-x", "reload"], {
      env,
      timeout: 30_000,
    });
    const { stdout } = await run(
      "/usr/bin/python3",
      [
        "-c",
        "import json, sqlite3, sys; db = sqlite3.connect(sys.argv[1]); print(json.dumps(db.execute('select title, content, enclosure_url from rss_item').fetchall()))",
        cache,
      ],
      { timeout: 10_000 },
    );
    const items = JSON.parse(stdout) as Array<[string, string, string]>;
    expect(items.map(([title]) => title)).toEqual(["Members briefing"]);
    const [[, content = "", enclosure = ""] = []] = items;
    expect(content).toContain(marker);
    expect(enclosure).toMatch(
      /\/private\/listener\.1\.[\w-]+\/media\/([0-9a-f]{16})\/briefing\.\1\.wav\?access=/,
    );

    // podboat runs its queue in a terminal; `script` gives it one, and it is stopped once done.
    const target = path.join(home, "briefing.wav");
    const queue = path.join(home, "queue");
    await writeFile(queue, `${enclosure} "${target}"\n`);
    const podboat = spawn(
      "script",
      ["-qc", `podboat -a -q '${queue}' -C '${config}'`, "/dev/null"],
      { env, stdio: "ignore", detached: true },
    );
    onTestFinished(() => {
      if (podboat.pid !== undefined) process.kill(-podboat.pid, "SIGKILL");
    });
    await pollUntil(
      async () => (await stat(target).catch(() => undefined))?.size ?? 0,
      (size) => size === episode.length,
      20_000,
    );
    expect((await readFile(target)).equals(episode)).toBe(true);
  }, 60_000);
});
