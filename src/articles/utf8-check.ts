// Where a file's bytes are not UTF-8. The text is still decoded (each bad sequence becomes
// U+FFFD, as every decoder does), but the article carries a warning with the byte offset, so the
// newsroom can find and fix the file instead of publishing replacement characters unawares.
import { isUtf8 } from "node:buffer";

/** The length of a well-formed UTF-8 sequence starting at `i`, or 0 where none starts. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  if (lead < 0x80) return 1;
  const continuation = (at: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[at];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(i + 1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    // No overlong forms (E0 80..9F) and no surrogates (ED A0..BF).
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}

/** The warning for bytes that are not UTF-8 ("text: not UTF-8 at byte 1,204 ..."), if any. */
export function invalidUtf8Warning(bytes: Uint8Array): string | undefined {
  if (isUtf8(bytes)) return undefined;
  let first: number | undefined;
  let count = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    first ??= i;
    count += 1;
    i += 1;
  }
  const where = `byte ${(first ?? 0).toLocaleString("en")}`;
  const more = count > 1 ? ` and ${(count - 1).toLocaleString("en")} more bytes` : "";
  return `text: not UTF-8 at ${where}${more}; shown as U+FFFD (�)`;
}
