// The pixel size and format of an image, read from the first bytes of its file: a PNG's IHDR
// chunk, a JPEG's first start-of-frame marker, a GIF's logical screen, a WebP's VP8, VP8L or VP8X
// header. Undefined for anything else, or when the bytes given end before the size.

export interface ImageSize {
  width: number;
  height: number;
  /** The format the bytes are in, as a media type. */
  type: "image/png" | "image/jpeg" | "image/gif" | "image/webp";
}

/** Enough of a file's start for every format here, with the metadata cameras put before a JPEG's frame. */
export const imageHeaderBytes = 256 * 1024;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    const length = view.getUint16(at + 2);
    const startOfFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (startOfFrame)
      return { width: view.getUint16(at + 7), height: view.getUint16(at + 5), type: "image/jpeg" };
    at += 2 + length;
  }
  return undefined;
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  const byte = (at: number) => bytes[at] ?? 0;
  const uint24 = (at: number) => byte(at) | (byte(at + 1) << 8) | (byte(at + 2) << 16);
  if (bytes.length < 30) return undefined;
  if (startsWith(bytes, ascii("VP8 "), 12) && startsWith(bytes, [0x9d, 0x01, 0x2a], 23))
    return {
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
      type: "image/webp",
    };
  if (startsWith(bytes, ascii("VP8L"), 12) && byte(20) === 0x2f)
    return {
      width: 1 + (byte(21) | ((byte(22) & 0x3f) << 8)),
      height: 1 + ((byte(22) >> 6) | (byte(23) << 2) | ((byte(24) & 0x0f) << 10)),
      type: "image/webp",
    };
  if (startsWith(bytes, ascii("VP8X"), 12))
    return { width: 1 + uint24(24), height: 1 + uint24(27), type: "image/webp" };
  return undefined;
}

export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { width: view.getUint32(16), height: view.getUint32(20), type: "image/png" };
  if (startsWith(bytes, [0xff, 0xd8])) return jpegSize(bytes, view);
  if (
    bytes.length >= 10 &&
    (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a")))
  )
    return { width: view.getUint16(6, true), height: view.getUint16(8, true), type: "image/gif" };
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8))
    return webpSize(bytes, view);
  return undefined;
}
