// rss2email (r2e), with a configuration the test writes: it delivers to a Maildir (never SMTP),
// as plain text, with the item's own date in the Date header, and mails an item again when its
// content changes. What it holds is the newest mail for each item id.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import type { FeedReader, HeldItem } from "./held-item.js";
import { type DeliveredMail, displayName, readMaildir } from "./maildir.js";
import { makeTempDir, runClient, type Teardown } from "./run-client.js";
import { firstParagraphText, type ServedItem } from "./served-items.js";

/** A pattern for text holding `text` (at its start, with `atStart`), whatever whitespace the mail wraps it with. */
function holdingText(text: string, atStart: boolean): RegExp {
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`${atStart ? "^\\s*" : ""}${words.join("\\s+")}`);
}

/**
 * What it mails as the body: a text/plain part first, else HTML through html2text. Atom's text
 * summary is text/plain; RSS's description is HTML to feedparser, which puts content:encoded
 * first, so from RSS it mails the whole content.
 */
function mailedText(item: ServedItem): string {
  return (item.format === "atom" ? item.summary : item.content) ?? "";
}

export interface Rss2emailReader extends FeedReader {
  /** Every mail it delivered for a feed, in delivery order. */
  mails(feedPath: string): Promise<DeliveredMail[]>;
}

export async function makeRss2email(
  teardown: Teardown,
  baseUrl: string,
  feedPaths: string[],
): Promise<Rss2emailReader> {
  const home = await makeTempDir(teardown, "rss2email");
  const maildir = path.join(home, "Maildir");
  await mkdir(maildir, { recursive: true });
  const config = path.join(home, "rss2email.cfg");
  const data = path.join(home, "rss2email.json");
  const feedName = (index: number) => `feed${index}`;
  await writeFile(
    config,
    [
      "[DEFAULT]",
      "from = reader-matrix@wirefeed.invalid",
      "to = subscriber@wirefeed.invalid",
      "email-protocol = maildir",
      `maildir-path = ${maildir}`,
      "maildir-mailbox = INBOX",
      "html-mail = False",
      "body-width = -1",
      "date-header = True",
      // Mail an item again when its content changes (as a reply to the first mail).
      "reply-changes = True",
      "same-server-fetch-interval = 0",
      "feed-timeout = 15",
      ...feedPaths.flatMap((feedPath, index) => [
        "",
        `[feed.${feedName(index)}]`,
        `url = ${baseUrl}${feedPath}`,
      ]),
      "",
    ].join("\n"),
  );
  await writeFile(data, JSON.stringify({ version: 2, feeds: [] }));
  const mailsOf = async (feedPath: string) =>
    (await readMaildir(home, path.join(maildir, "INBOX"))).filter(
      (mail) => mail.headers["x-rss-feed"] === `${baseUrl}${feedPath}`,
    );
  return {
    name: "rss2email",
    mails: mailsOf,
    async poll() {
      await runClient(home, "r2e", ["-c", config, "-d", data, "run"]);
    },
    // The Subject is the title; the From name is "{feed-title}: {author}", the author being the
    // item's or else the feed's (the publisher); Date (date-header) is the item's updated date,
    // else its published date; the text body is the Atom summary (the first paragraph), or the
    // RSS content, which holds it.
    expected: (item, feed) => ({
      id: item.id,
      title: item.title,
      date: Math.floor((item.updated ?? item.published) / 1000) * 1000,
      author: `${feed.title}: ${item.authors[0] ?? feed.publisher}`,
      content: expect.stringMatching(
        holdingText(firstParagraphText(item.content) ?? "", item.format === "atom"),
      ),
      enclosure: undefined,
    }),
    keepsGoneItems: true,
    // reply-changes mails an item again only when the text it mails changes.
    firstVersionKey: (item) => `${item.id}\t${mailedText(item)}`,
    keepsOldVersions: false,
    async held(feedPath): Promise<HeldItem[]> {
      const newest = new Map<string, DeliveredMail>();
      for (const mail of await mailsOf(feedPath)) newest.set(mail.headers["x-rss-id"] ?? "", mail);
      return [...newest.values()].map((mail) => ({
        id: mail.headers["x-rss-id"] ?? "",
        title: mail.headers.subject ?? "",
        date: Date.parse(mail.headers.date ?? ""),
        author: displayName(mail.headers.from ?? ""),
        content: mail.text ?? "",
        enclosure: undefined,
      }));
    },
  };
}
