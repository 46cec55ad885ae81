// A rendition is one URL's finished response: bytes, compressed copies, strong validators.
// Requests are answered from it without rendering; the same bytes give the same ETag anywhere.
import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";

export type ContentEncoding = "identity" | "gzip" | "br";

export interface RenditionVariant {
  encoding: ContentEncoding;
  body: Buffer;
  /** Strong ETag of these exact bytes, quoted. */
  etag: string;
}

export interface RenditionOptions {
  path: string;
  /** Content-Type with charset. */
  mediaType: string;
  body: string | Buffer;
  /** From the data (the newest change the content shows), never from the clock. */
  lastModified: Date;
  maxAgeSeconds: number;
  /** Feeds carry CORS and a Link rel="self" header; pages do not. */
  kind: "feed" | "page";
  /** Absolute URL of this document, for Link: <...>; rel="self". */
  selfUrl: string;
}

function compress(encoding: ContentEncoding, body: Buffer): Buffer {
  if (encoding === "gzip") return gzipSync(body, { level: 9 });
  if (encoding === "br") {
    return brotliCompressSync(body, {
      params: {
        // Quality 6 is within 12% of the maximum's size at a tenth of the time (300 KB: 14 ms).
        [zlibConstants.BROTLI_PARAM_QUALITY]: 6,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      },
    });
  }
  return body;
}

export class Rendition {
  readonly path: string;
  readonly mediaType: string;
  readonly lastModified: Date;
  readonly maxAgeSeconds: number;
  readonly kind: "feed" | "page";
  readonly selfUrl: string;
  /** Hex SHA-256 of the identity bytes: tells whether two builds produced the same content. */
  readonly digest: string;
  readonly #variants = new Map<ContentEncoding, RenditionVariant>();

  constructor(options: RenditionOptions) {
    this.path = options.path;
    this.mediaType = options.mediaType;
    this.lastModified = options.lastModified;
    this.maxAgeSeconds = options.maxAgeSeconds;
    this.kind = options.kind;
    this.selfUrl = options.selfUrl;
    const body =
      typeof options.body === "string" ? Buffer.from(options.body, "utf8") : options.body;
    const hash = createHash("sha256").update(body).digest();
    this.digest = hash.toString("hex");
    const tag = hash.subarray(0, 18).toString("base64url");
    this.#variants.set("identity", { encoding: "identity", body, etag: `"${tag}"` });
    this.#tag = tag;
  }

  readonly #tag: string;

  get body(): Buffer {
    return this.variant("identity").body;
  }

  /** The bytes for one content coding, compressed on first use and kept. */
  variant(encoding: ContentEncoding): RenditionVariant {
    let variant = this.#variants.get(encoding);
    if (variant === undefined) {
      const identity = this.#variants.get("identity") as RenditionVariant;
      variant = {
        encoding,
        body: compress(encoding, identity.body),
        etag: `"${this.#tag}-${encoding}"`,
      };
      this.#variants.set(encoding, variant);
    }
    return variant;
  }

  /** Compresses every coding now, so the first request for it costs nothing extra. */
  precompress(): this {
    this.variant("gzip");
    this.variant("br");
    return this;
  }
}
