// Bytes to characters the way the XML spec says (§4.3.3, Appendix F): a byte order mark, else the
// encoding the XML declaration names, else UTF-8. Any encoding the platform's TextDecoder knows is
// accepted (UTF-8, UTF-16, ISO-8859-*, windows-125*, Shift_JIS, EUC-*, GB18030, KOI8 ...). Decoding
// is incremental, so a large document never has to be held as one string.
import { TextDecoder } from "node:util";

export class EncodingError extends Error {
  constructor(
    message: string,
    readonly encoding: string,
  ) {
    super(message);
    this.name = "EncodingError";
  }
}

/** How many bytes are read before the encoding is decided (the XML declaration must fit). */
const sniffLength = 1024;

export interface DecodedStart {
  decoder: TextDecoder;
  /** The encoding used, as its label: "utf-8", "utf-16le", "iso-8859-1" ... */
  encoding: string;
  /** How many leading bytes (the byte order mark) the decoder must skip. */
  skip: number;
  /** Where the encoding came from. */
  source: "byte order mark" | "declaration" | "default";
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true });
  } catch {
    return undefined;
  }
}

/** Decides the encoding from a document's first bytes. Throws EncodingError when it cannot. */
export function chooseDecoder(head: Uint8Array): DecodedStart {
  const [b0, b1, b2, b3] = head;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf)
    return { decoder: utf8Decoder(), encoding: "utf-8", skip: 3, source: "byte order mark" };
  if (
    (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) ||
    (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0)
  ) {
    throw new EncodingError(
      "the document is UTF-32, which this validator cannot read; use UTF-8",
      "utf-32",
    );
  }
  if (b0 === 0xfe && b1 === 0xff)
    return {
      decoder: required("utf-16be"),
      encoding: "utf-16be",
      skip: 2,
      source: "byte order mark",
    };
  if (b0 === 0xff && b1 === 0xfe)
    return {
      decoder: required("utf-16le"),
      encoding: "utf-16le",
      skip: 2,
      source: "byte order mark",
    };
  if ((b0 === 0x3c && b1 === 0 && b2 === 0x3f) || (b0 === 0 && b1 === 0x3c && b2 === 0)) {
    throw new EncodingError(
      "the document is UTF-16 without a byte order mark; XML requires the mark (§4.3.3)",
      "utf-16",
    );
  }
  const start = new TextDecoder("latin1").decode(head.subarray(0, sniffLength));
  const declaration = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(start);
  const label = declaration?.[1];
  if (label === undefined)
    return { decoder: utf8Decoder(), encoding: "utf-8", skip: 0, source: "default" };
  if (/^utf-?16/i.test(label)) {
    throw new EncodingError(
      `the XML declaration says ${label}, but the document has no UTF-16 byte order mark`,
      label,
    );
  }
  const decoder = decoderFor(label);
  if (decoder === undefined) {
    throw new EncodingError(
      `the XML declaration names the encoding "${label}", which is not one this validator knows`,
      label,
    );
  }
  return { decoder, encoding: decoder.encoding, skip: 0, source: "declaration" };
}

function utf8Decoder(): TextDecoder {
  return required("utf-8");
}

function required(label: string): TextDecoder {
  const decoder = decoderFor(label);
  if (decoder === undefined) throw new EncodingError(`this platform cannot decode ${label}`, label);
  return decoder;
}
