// Feed items written lately, by item and format, so a feed made again after a change (the first
// page above all, whose items are but one the same as before) writes only its new items. An item
// is shared by every feed that lists it and never changed (build-feed.ts), so what it was written
// as stays true while it lives; an edited article is a new item.
import { BoundedByBytes } from "../bounded-by-bytes.js";
import type { FeedItem } from "../model.js";
import { addWritten, type WrittenXml, writeAhead, type XmlElement } from "./xml-document.js";

export class WrittenItems {
  /** Per item, what it was written as in each place and variant (the podcast feed's, ...). */
  readonly #kept: BoundedByBytes<FeedItem, { key: string; written: WrittenXml }[]>;

  constructor(maxBytes: number) {
    this.#kept = new BoundedByBytes(maxBytes);
  }

  /**
   * Appends `item` to `parent` as `write` writes it, taken from what it was written as before
   * for the same place and `variant` when there is one.
   */
  add(
    parent: XmlElement,
    item: FeedItem,
    variant: string,
    write: (holder: XmlElement) => void,
  ): void {
    const key = `${parent.place}|${variant}`;
    const kept = this.#kept.get(item);
    const found = kept?.find((entry) => entry.key === key);
    if (found !== undefined) {
      addWritten(parent, found.written);
      return;
    }
    const written = writeAhead(parent, write);
    // An item is written in a few places at most (the subscription feed, its month's archive, a
    // section, the podcast feed): the last three are kept.
    const entries = [...(kept ?? []).slice(-2), { key, written }];
    const bytes = entries.reduce((sum, entry) => sum + 2 * entry.written.text.length, 0);
    this.#kept.set(item, entries, bytes);
    addWritten(parent, written);
  }
}

/** The budget of each XML format's written items: the first page's fifty many times over. */
export const writtenItemsBytes = 2 * 2 ** 20;
