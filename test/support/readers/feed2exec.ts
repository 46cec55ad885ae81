// feed2exec with its maildir output plugin and a configuration the test writes. It mails an
// item the first time it sees its id and never again; what it holds is those mails.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FeedReader, HeldItem } from "./held-item.js";
import { type DeliveredMail, displayName, readMaildir } from "./maildir.js";
import { makeTempDir, runClient, type Teardown } from "./run-client.js";
import { type ServedItem, withSortedAttributes } from "./served-items.js";

/**
 * feed2exec puts feedparser's title in the Subject as it is. feedparser takes an RSS title for
 * HTML when its text holds a closing tag or a character reference (wirefeed writes markup-like
 * text HTML-escaped there) and gives it as HTML, which the Subject then shows escaped.
 */
function subjectOf(item: ServedItem): string {
  const html = item.titleText !== item.title && /<\/\w+>|&#?\w+;/.test(item.titleText);
  return html ? item.title.replace(/&/g, "&amp;").replace(/</g, "&lt;") : item.title;
}

export interface Feed2execReader extends FeedReader {
  mails(feedPath: string): Promise<DeliveredMail[]>;
}

export async function makeFeed2exec(
  teardown: Teardown,
  baseUrl: string,
  feedPaths: string[],
): Promise<Feed2execReader> {
  const home = await makeTempDir(teardown, "feed2exec");
  const maildir = path.join(home, "Maildir");
  await mkdir(maildir, { recursive: true });
  const config = path.join(home, "feed2exec.ini");
  const database = path.join(home, "feed2exec.db");
  const folderOf = (feedPath: string) => {
    const index = feedPaths.indexOf(feedPath);
    if (index < 0) throw new Error(`feed2exec is not subscribed to ${feedPath}`);
    return `feed${index}`;
  };
  await writeFile(
    config,
    feedPaths
      .map((feedPath) =>
        [
          `[${folderOf(feedPath)}]`,
          `url = ${baseUrl}${feedPath}`,
          "output = feed2exec.plugins.maildir",
          `mailbox = ${maildir}`,
          `folder = ${folderOf(feedPath)}`,
          "mailto = subscriber@wirefeed.invalid",
          "",
        ].join("\n"),
      )
      .join("\n"),
  );
  const mailsOf = (feedPath: string) => readMaildir(home, path.join(maildir, folderOf(feedPath)));
  return {
    name: "feed2exec",
    mails: mailsOf,
    async poll() {
      await runClient(home, "feed2exec", ["--config", config, "--database", database, "fetch"]);
    },
    // Archived-At is the item's link; Subject its title; Date its updated, else published date;
    // From names the item's author or else the feed's (the publisher); the HTML part is the
    // item's content.
    expected: (item, feed) => ({
      id: item.url,
      title: subjectOf(item),
      date: Math.floor((item.updated ?? item.published) / 1000) * 1000,
      author: item.authors[0] ?? feed.publisher,
      // It reads with feedparser, which strips the whitespace around element text.
      content: withSortedAttributes((item.content ?? item.summary ?? "").trim()),
      enclosure: undefined,
    }),
    keepsGoneItems: true,
    firstVersionKey: (item) => item.id,
    keepsOldVersions: false,
    async held(feedPath): Promise<HeldItem[]> {
      return (await mailsOf(feedPath)).map((mail) => ({
        id: mail.headers["archived-at"] ?? "",
        title: mail.headers.subject ?? "",
        date: Date.parse(mail.headers.date ?? ""),
        author: displayName(mail.headers.from ?? ""),
        content: withSortedAttributes(mail.html ?? mail.text ?? ""),
        enclosure: undefined,
      }));
    },
  };
}
