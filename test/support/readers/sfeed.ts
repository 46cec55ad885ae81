// sfeed: sfeed_update with an sfeedrc the test writes, fetching with curl as sfeed's README
// suggests for bandwidth-saving (--etag-save/--etag-compare and -z, so the ETag and the time of
// the last fetch go back as If-None-Match and If-Modified-Since). What it holds is its TSV file
// per feed, which sfeed_update merges: an item it has seen stays.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FeedReader, HeldItem } from "./held-item.js";
import { makeTempDir, runClient, type Teardown } from "./run-client.js";

export const sfeedUserAgent = "sfeed (wirefeed reader matrix)";

/** sfeed(5): fields are TAB separated; \n, \t and \\ are escaped in the content field. */
function unescapeContent(text: string): string {
  return text.replace(/\\([nt\\])/g, (_, code: string) =>
    code === "n" ? "\n" : code === "t" ? "\t" : "\\",
  );
}

export async function makeSfeed(
  teardown: Teardown,
  baseUrl: string,
  feedPaths: string[],
): Promise<FeedReader> {
  const home = await makeTempDir(teardown, "sfeed");
  const feedsDir = path.join(home, "feeds");
  const etagsDir = path.join(home, "etags");
  await mkdir(etagsDir, { recursive: true });
  const nameOf = (feedPath: string) => {
    const index = feedPaths.indexOf(feedPath);
    if (index < 0) throw new Error(`sfeed is not subscribed to ${feedPath}`);
    return `feed${index}`;
  };
  const sfeedrc = path.join(home, "sfeedrc");
  await writeFile(
    sfeedrc,
    [
      `sfeedpath="${feedsDir}"`,
      "",
      "# fetch(name, url, feedfile)",
      "fetch() {",
      `\tetag="${etagsDir}/$(basename "$3")"`,
      `\tcurl -L --max-redirs 0 -H "User-Agent: ${sfeedUserAgent}" -f -s -m 15 --compressed \\`,
      '\t\t--etag-save "$etag" --etag-compare "$etag" -z "$etag" "$2" 2>/dev/null',
      "}",
      "",
      "feeds() {",
      ...feedPaths.map((feedPath) => `\tfeed "${nameOf(feedPath)}" "${baseUrl}${feedPath}"`),
      "}",
      "",
    ].join("\n"),
  );
  return {
    name: "sfeed",
    async poll() {
      await runClient(home, "sfeed_update", [sfeedrc]);
    },
    // sfeed(5): a UNIX timestamp, the title's text as it is (an RSS title's markup-like text
    // stays HTML-escaped, see the README's reader table), content:encoded or atom:content when
    // present, the item's own author only, the first enclosure.
    expected: (item) => ({
      id: item.id,
      title: item.titleText,
      date: Math.floor(item.published / 1000) * 1000,
      author: item.authors[0] ?? "",
      // sfeed trims the whitespace around element text.
      content: (item.content ?? item.summary ?? "").trim(),
      enclosure: item.enclosure,
    }),
    keepsGoneItems: true,
    firstVersionKey: (item) => `${item.id}	${item.title}	${item.url}`,
    keepsOldVersions: true,
    async held(feedPath): Promise<HeldItem[]> {
      const tsv = await readFile(path.join(feedsDir, nameOf(feedPath)), "utf8").catch(() => "");
      return tsv
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => {
          const [
            timestamp = "",
            title = "",
            ,
            content = "",
            ,
            id = "",
            author = "",
            enclosure = "",
          ] = line.split("\t");
          return {
            id,
            title,
            date: Number(timestamp) * 1000,
            author,
            content: unescapeContent(content),
            enclosure: enclosure || undefined,
          };
        });
    },
  };
}
