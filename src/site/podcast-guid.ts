// podcast:guid, as the Podcasting 2.0 namespace defines it (docs/tags/guid.md): a UUIDv5 (RFC 9562
// section 5.5, SHA-1) in the namespace ead4c236-bf58-58c6-a2c6-a6b28d128cb6, named by the feed URL
// without its scheme and trailing slashes. A podcast gets it once; the site pins it in site.json
// so that it survives a change of URL.
import { createHash } from "node:crypto";

export const podcastGuidNamespace = "ead4c236-bf58-58c6-a2c6-a6b28d128cb6";

/** Lower-case UUIDv5 form, as podcast:guid carries it. */
export const podcastGuidPattern =
  /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replaceAll("-", "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: "${uuid}"`);
  return Buffer.from(hex, "hex");
}

/** A name-based UUID, version 5 (SHA-1), of `name` (UTF-8) in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash("sha1")
    .update(uuidBytes(namespace))
    .update(Buffer.from(name, "utf8"))
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The podcast:guid a feed at `feedUrl` is assigned: "https://podnews.net/rss" → 9b024349-… */
export function podcastGuid(feedUrl: string): string {
  const seed = feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/\/+$/, "");
  return uuidV5(podcastGuidNamespace, seed);
}
