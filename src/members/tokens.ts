// Member feed tokens: `<subscriber id>.<version>.<HMAC>` in the feed's path. Checking one needs
// the key and nothing else (no lookup); the registry then says whether that version is the
// subscriber's current one. A new key (MEMBER_KEY) makes every earlier token fail.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Subscriber ids as the API accepts them: they appear in URLs. */
export const subscriberIdPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface TokenHolder {
  id: string;
  version: number;
}

export class MemberTokens {
  readonly #key: string;

  constructor(key: string) {
    this.#key = key;
  }

  #mac(text: string): string {
    return createHmac("sha256", this.#key).update(text).digest("base64url").slice(0, 32);
  }

  /** The token of one version of a subscriber's feeds. */
  token(holder: TokenHolder): string {
    const claim = `${holder.id}.${holder.version}`;
    return `${claim}.${this.#mac(`feed ${claim}`)}`;
  }

  /** Who a token was made for, if this key made it. */
  holder(token: string): TokenHolder | undefined {
    const match = /^([a-z0-9][a-z0-9-]{0,63})\.([1-9]\d{0,8})\.([\w-]{32})$/.exec(token);
    if (match === null) return undefined;
    const [, id = "", version = "", mac = ""] = match;
    const expected = Buffer.from(this.#mac(`feed ${id}.${version}`));
    if (!timingSafeEqual(Buffer.from(mac), expected)) return undefined;
    return { id, version: Number(version) };
  }

  /** The `access` query value of media links in a member feed: valid until `expiresMs`. */
  mediaAccess(token: string, expiresMs: number): string {
    const expires = Math.floor(expiresMs / 1000);
    return `${expires}.${this.#mac(`media ${token} ${expires}`)}`;
  }

  /** Whether a media link's `access` value was made for this token and has not expired. */
  mediaAccessIsValid(token: string, access: string, nowMs: number): boolean {
    const match = /^(\d{1,12})\.([\w-]{32})$/.exec(access);
    if (match === null) return false;
    const [, expires = "", mac = ""] = match;
    if (Number(expires) * 1000 <= nowMs) return false;
    return timingSafeEqual(Buffer.from(mac), Buffer.from(this.#mac(`media ${token} ${expires}`)));
  }
}
