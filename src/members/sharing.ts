// How many distinct network addresses read each subscriber's member feeds today: a feed URL read
// from many places has been shared or leaked. Addresses are kept only as HMACs under a key made at
// random each day and never stored, so nothing written or kept can be turned back into one.
import { createHmac, randomBytes } from "node:crypto";

const dayMs = 86_400_000;

export class AddressesPerSubscriber {
  readonly #cap: number;
  #day = -1;
  #key = randomBytes(32);
  /** Per subscriber: each keyed address and its rank, the order in which it first read today. */
  #seen = new Map<string, Map<string, number>>();

  /** Keeps at most `cap` addresses per subscriber (enough to tell the limit was passed). */
  constructor(cap: number) {
    this.#cap = cap;
  }

  #today(nowMs: number): void {
    const day = Math.floor(nowMs / dayMs);
    if (day === this.#day) return;
    this.#day = day;
    this.#key = randomBytes(32);
    this.#seen = new Map();
  }

  /**
   * Counts a read of `subscriberId`'s feeds from `address`. Returns the address's rank today: 1
   * for the first address that read them, 2 for the second... (past the cap, cap + 1).
   */
  note(subscriberId: string, address: string, nowMs: number): number {
    this.#today(nowMs);
    let seen = this.#seen.get(subscriberId);
    if (seen === undefined) {
      seen = new Map();
      this.#seen.set(subscriberId, seen);
    }
    const keyed = createHmac("sha256", this.#key).update(address).digest("base64url");
    const rank = seen.get(keyed);
    if (rank !== undefined) return rank;
    if (seen.size >= this.#cap) return this.#cap + 1;
    seen.set(keyed, seen.size + 1);
    return seen.size;
  }

  /** Distinct addresses that read the subscriber's feeds today. */
  today(subscriberId: string, nowMs: number): number {
    this.#today(nowMs);
    return this.#seen.get(subscriberId)?.size ?? 0;
  }

  /** Milliseconds until the count starts again. */
  untilTomorrow(nowMs: number): number {
    return (Math.floor(nowMs / dayMs) + 1) * dayMs - nowMs;
  }
}
