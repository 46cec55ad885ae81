// The store's ids and slugs held change by change: the claims on each name are kept between
// views, and a change decides again only the names the changed files claimed before or claim now,
// so a change costs what it touches, not the whole store. Who holds a name follows the same rules
// as keepHolders (name-holders.ts): the recorded holder, else the file modified longest ago, else
// the first name; the slug is held among the articles the id pass kept. The durable record is
// read for the first settling only: after it, the record names the holders just decided, so who
// held a name before a change is what this class knew before it, noted as the change comes.
import type { Article, StoreProblem } from "../model.js";
import {
  type HeldField as Field,
  type HoldingRules,
  holderAmong,
  holderKey,
  holderKeyParts,
} from "./name-holders.js";

/**
 * A field's claims: for each name, the file claiming it, or the files when there are several.
 * Nearly every name has one claimant; a Set for each would cost some 370 bytes, 70 MiB at
 * 100,000 articles.
 */
type Claims = Map<string, string | Set<string>>;

function claim(claims: Claims, name: string, file: string): void {
  const files = claims.get(name);
  if (files === undefined) claims.set(name, file);
  else if (typeof files === "string") {
    if (files !== file) claims.set(name, new Set([files, file]));
  } else files.add(file);
}

function unclaim(claims: Claims, name: string, file: string): void {
  const files = claims.get(name);
  if (files === undefined) return;
  if (typeof files === "string") {
    if (files === file) claims.delete(name);
    return;
  }
  files.delete(file);
  if (files.size === 1) claims.set(name, files.values().next().value as string);
}

function claims(all: Claims, name: string, file: string): boolean {
  const files = all.get(name);
  return files === file || (typeof files === "object" && files.has(file));
}

export class HeldNames {
  readonly #rules: HoldingRules;
  readonly #articles = new Map<string, Article>();
  readonly #claims: Record<Field, Claims> = { id: new Map(), slug: new Map() };
  readonly #refused: Record<Field, Map<string, StoreProblem>> = { id: new Map(), slug: new Map() };
  readonly #unsettled: Record<Field, Set<string>> = { id: new Set(), slug: new Set() };
  /**
   * After the first settling: for each name touched since the last one, who held it then (the
   * record's holder). Noted before the first change to the name's claims.
   */
  readonly #heldBefore: Record<Field, Map<string, string | undefined>> = {
    id: new Map(),
    slug: new Map(),
  };
  #settledOnce = false;

  constructor(rules: HoldingRules) {
    this.#rules = rules;
  }

  /** The article `file` gives now (undefined: none); its names are decided again at settle. */
  change(file: string, article: Article | undefined): void {
    const before = this.#articles.get(file);
    if (before === article) return;
    if (before !== undefined) {
      this.#noteHolder("id", before.id);
      this.#noteHolder("slug", before.slug);
      unclaim(this.#claims.id, before.id, file);
      unclaim(this.#claims.slug, before.slug, file);
      this.#refused.id.delete(file);
      this.#refused.slug.delete(file);
      this.#unsettled.id.add(before.id);
      this.#unsettled.slug.add(before.slug);
      this.#articles.delete(file);
    }
    if (article !== undefined) {
      // Unclaiming the file's earlier names left this one's claimants as they were.
      this.#noteHolder("id", article.id);
      this.#articles.set(file, article);
      claim(this.#claims.id, article.id, file);
      this.#unsettled.id.add(article.id);
    }
  }

  /** Whether `file`'s article is refused: another file holds its id or its slug. */
  refuses(file: string): boolean {
    return this.#refused.id.has(file) || this.#refused.slug.has(file);
  }

  /** The refused claimants, ids first, each in file-name order. */
  problems(): StoreProblem[] {
    const byFile = (a: StoreProblem, b: StoreProblem) => (a.file < b.file ? -1 : 1);
    return [
      ...[...this.#refused.id.values()].sort(byFile),
      ...[...this.#refused.slug.values()].sort(byFile),
    ];
  }

  /**
   * Decides the names changes touched (ids, then the slugs that follows) and records them; returns
   * the files claiming those names, the only ones whose refusal may have flipped.
   */
  settle(): Set<string> {
    const changed = new Map<string, string>();
    const forgotten: string[] = [];
    const decided = new Set<string>();
    for (const name of this.#unsettled.id) {
      for (const file of this.#decide("id", name, changed, forgotten)) {
        decided.add(file);
        const article = this.#articles.get(file) as Article;
        const kept = !this.#refused.id.has(file);
        const claiming = claims(this.#claims.slug, article.slug, file);
        if (kept === claiming) continue;
        this.#noteHolder("slug", article.slug);
        if (kept) claim(this.#claims.slug, article.slug, file);
        else {
          unclaim(this.#claims.slug, article.slug, file);
          this.#refused.slug.delete(file);
        }
        this.#unsettled.slug.add(article.slug);
      }
    }
    for (const name of this.#unsettled.slug)
      for (const file of this.#decide("slug", name, changed, forgotten)) decided.add(file);
    this.#unsettled.id.clear();
    this.#unsettled.slug.clear();
    this.#heldBefore.id.clear();
    this.#heldBefore.slug.clear();
    const record = this.#rules.record;
    const first = !this.#settledOnce;
    if (first) {
      // Names recorded before this process started that no file claims any more (the first
      // settling decided every name claimed).
      for (const key of record.keys()) {
        const { field, name } = holderKeyParts(key);
        const claims = field === "id" || field === "slug" ? this.#claims[field] : undefined;
        if (claims?.has(name) !== true) forgotten.push(key);
      }
    }
    if (changed.size > 0 || forgotten.length > 0) record.update(changed, forgotten);
    if (first) {
      this.#settledOnce = true;
      record.firstSettlingDone?.();
    }
    return decided;
  }

  /** Who holds `name` now, as the last settling decided it, unless the name was changed since. */
  #holderNow(field: Field, name: string): string | undefined {
    const files = this.#claims[field].get(name);
    if (typeof files !== "object") return files;
    for (const file of files) if (!this.#refused[field].has(file)) return file;
    return undefined;
  }

  /** Notes who held `name` at the last settling, before its claims first change after it. */
  #noteHolder(field: Field, name: string): void {
    const held = this.#heldBefore[field];
    if (this.#settledOnce && !held.has(name)) held.set(name, this.#holderNow(field, name));
  }

  /** Who held `name` when the last settling ended: the record's holder. */
  #recordedHolder(field: Field, name: string): string | undefined {
    return this.#settledOnce
      ? this.#heldBefore[field].get(name)
      : this.#rules.record.holderOf(holderKey(field, name));
  }

  /**
   * Decides who holds `name` in `field`; returns its claimants in file-name order. The record is
   * who held each name when the last settling ended, so it is compared with, not kept beside.
   */
  #decide(field: Field, name: string, changed: Map<string, string>, forgotten: string[]): string[] {
    const key = holderKey(field, name);
    const recorded = this.#recordedHolder(field, name);
    const files = this.#claims[field].get(name);
    if (typeof files === "string") {
      // One claimant, as for nearly every name: it holds the name.
      this.#refused[field].delete(files);
      if (recorded !== files) changed.set(key, files);
      return [files];
    }
    if (files === undefined) {
      if (recorded !== undefined) forgotten.push(key);
      return [];
    }
    const names = [...files].sort();
    const claimants = names.map((file) => this.#articles.get(file) as Article);
    const holder = holderAmong(claimants, recorded, this.#rules.modifiedAt);
    // Only what the record does not know yet is written: a restart writes nothing.
    if (recorded !== holder.file) changed.set(key, holder.file);
    for (const article of claimants) {
      if (article === holder) this.#refused[field].delete(article.file);
      else
        this.#refused[field].set(article.file, {
          file: article.file,
          message: `${field}: "${name}" is already used by ${holder.file}`,
        });
    }
    return names;
  }
}
