// Articles readers may hold that are no longer published: retracted, expired, or whose file was
// deleted. Feeds tell readers about them (RFC 6721 tombstones in Atom) and their URLs answer 410
// Gone. A retraction or an expiry is in the article's own file; a deletion leaves nothing behind,
// so the service keeps a journal under the state folder of every article it has published and
// of each deletion it noticed, and a restart still knows what was removed while it was down.
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import type { Article } from "../model.js";
import { siteStateFile } from "../state/state-files.js";
import { hasExpired, isRetracted, wasEverPublic } from "./schedule.js";

export interface Withdrawal {
  id: string;
  slug: string;
  title: string;
  when: DateTime;
  /** The publisher's reason (a retraction); none for a deletion or an expiry. */
  reason?: string;
  /** A members article: public outputs that leave members articles out leave this out too. */
  members?: boolean;
}

export const defaultTombstoneDays = 30;

interface Seen {
  slug: string;
  title: string;
  members?: boolean;
}

type JournalLine =
  | ({ seen: string } & Seen)
  | ({ deleted: string; when: number; reason?: string } & Partial<Seen>)
  | { restored: string };

function membersFlag(article: Article): { members?: true } {
  return article.access === "members" ? { members: true } : {};
}

/** The withdrawal an article's own file states (a retraction or an expiry in effect), if any. */
export function statedWithdrawal(article: Article, nowMs: number): Withdrawal | undefined {
  if (!wasEverPublic(article)) return undefined;
  const { id, slug, title } = article;
  if (isRetracted(article, nowMs) && article.retraction)
    return {
      id,
      slug,
      title,
      when: article.retraction.date,
      reason: article.retraction.reason,
      ...membersFlag(article),
    };
  if (hasExpired(article, nowMs) && article.expires)
    return { id, slug, title, when: article.expires, ...membersFlag(article) };
  return undefined;
}

export class WithdrawalRecord {
  readonly #file: string | undefined;
  readonly #seen = new Map<string, Seen>();
  readonly #deleted = new Map<string, Withdrawal>();

  /** Without a state folder the record lives in memory only and a restart forgets deletions. */
  constructor(articlesDir: string, stateDir?: string) {
    if (stateDir === undefined) return;
    // One journal per articles folder: two sites sharing a state folder never take each
    // other's articles for deleted ones.
    this.#file = siteStateFile(stateDir, articlesDir, "published-articles", "jsonl");
    let text = "";
    try {
      text = readFileSync(this.#file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    // A line cut short by a crash is the last one: it and any other unreadable line are skipped.
    for (const line of text.split("\n")) {
      if (line === "") continue;
      try {
        this.#apply(JSON.parse(line) as JournalLine);
      } catch {}
    }
  }

  #apply(line: JournalLine): void {
    if ("seen" in line) {
      const { seen: id, ...seen } = line;
      this.#seen.set(id, seen);
    } else if ("deleted" in line) {
      const known = this.#seen.get(line.deleted);
      const slug = line.slug ?? known?.slug;
      const title = line.title ?? known?.title;
      if (slug === undefined || title === undefined) return;
      const members = line.members ?? known?.members;
      this.#deleted.set(line.deleted, {
        id: line.deleted,
        slug,
        title,
        when: DateTime.fromMillis(line.when, { zone: "utc" }),
        ...(line.reason === undefined ? {} : { reason: line.reason }),
        ...(members ? { members: true } : {}),
      });
    } else if ("restored" in line) this.#deleted.delete(line.restored);
  }

  #record(lines: JournalLine[]): void {
    if (lines.length === 0) return;
    for (const line of lines) this.#apply(line);
    if (this.#file === undefined) return;
    mkdirSync(path.dirname(this.#file), { recursive: true });
    appendFileSync(this.#file, lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
  }

  /** Whether the article was in publication at some time this record knows of. */
  hasBeenPublished(id: string): boolean {
    return this.#seen.has(id);
  }

  /**
   * Takes note of a look at the whole store: articles published for the first time (or under a
   * new slug or title), articles back after a deletion, withdrawals their files state (recorded
   * once, so deleting the file later does not date them anew), and articles readers have seen
   * whose file is gone (deleted at `nowMs`).
   */
  observe(stored: readonly Article[], inPublication: readonly Article[], nowMs: number): void {
    const storedIds = new Set<string>();
    for (const article of stored) storedIds.add(article.id);
    const missing: string[] = [];
    for (const id of this.#seen.keys()) if (!storedIds.has(id)) missing.push(id);
    this.observeChange(inPublication, stored, missing, nowMs);
  }

  /**
   * Takes note of what a change may have brought: `inPublication`, articles in publication that
   * may be new to the record; `outOfPublication`, stored articles whose file may now state a
   * withdrawal; `missing`, ids no stored article holds any more. Articles a change did not touch
   * need not be named: what they would bring was noted when they were.
   */
  observeChange(
    inPublication: Iterable<Article>,
    outOfPublication: Iterable<Article>,
    missing: Iterable<string>,
    nowMs: number,
  ): void {
    const lines: JournalLine[] = [];
    for (const article of inPublication) {
      const seen = this.#seen.get(article.id);
      const members = article.access === "members";
      const sameText = seen?.slug === article.slug && seen.title === article.title;
      if (sameText) {
        // The same text, kept once: the journal's copies (some 9 MiB at 100,000 articles) go.
        seen.slug = article.slug;
        seen.title = article.title;
      }
      if (!sameText || !!seen.members !== members)
        lines.push({
          seen: article.id,
          slug: article.slug,
          title: article.title,
          ...membersFlag(article),
        });
      if (this.#deleted.has(article.id)) lines.push({ restored: article.id });
    }
    for (const article of outOfPublication) {
      if (this.#deleted.has(article.id)) continue;
      const stated = statedWithdrawal(article, nowMs);
      if (stated === undefined) continue;
      const { id, when, ...rest } = stated;
      lines.push({ deleted: id, when: when.toMillis(), ...rest });
    }
    for (const id of missing) {
      if (this.#seen.has(id) && !this.#deleted.has(id)) lines.push({ deleted: id, when: nowMs });
    }
    this.#record(lines);
  }

  /** Everything withdrawn at `nowMs`, newest withdrawal first. */
  withdrawals(
    stored: readonly Article[],
    inPublication: readonly Article[],
    nowMs: number,
  ): Withdrawal[] {
    const published = new Set(inPublication.map((article) => article.id));
    const stated: Withdrawal[] = [];
    for (const article of stored) {
      if (published.has(article.id)) continue;
      const withdrawal = statedWithdrawal(article, nowMs);
      if (withdrawal !== undefined) stated.push(withdrawal);
    }
    return this.withdrawalsGiven(stated, (id) => published.has(id));
  }

  /**
   * Everything withdrawn, given what the stored files state now (`stated`, which comes first: an
   * edited reason) and which ids are in publication; newest withdrawal first.
   */
  withdrawalsGiven(
    stated: Iterable<Withdrawal>,
    isPublished: (id: string) => boolean,
  ): Withdrawal[] {
    const byId = new Map<string, Withdrawal>();
    for (const withdrawal of stated) byId.set(withdrawal.id, withdrawal);
    for (const deletion of this.#deleted.values()) {
      if (!isPublished(deletion.id) && !byId.has(deletion.id)) byId.set(deletion.id, deletion);
    }
    return [...byId.values()].sort(
      (a, b) => b.when.toMillis() - a.when.toMillis() || (a.id < b.id ? -1 : 1),
    );
  }
}
