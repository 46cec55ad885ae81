// A rendition is one URL's finished response: bytes, compressed copies, strong validators.
// Requests are answered from it without rendering; the same bytes give the same ETag anywhere.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import {
  brotliCompress,
  brotliCompressSync,
  gzip,
  gzipSync,
  constants as zlibConstants,
} from "node:zlib";

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
  /**
   * From the data (the newest change the content shows), never from the request clock; or a rule
   * that gives it from the identity ETag of the bytes (the Last-Modified ledger).
   */
  lastModified: Date | ((etag: string) => Date);
  maxAgeSeconds: number;
  /** Feeds carry CORS and a Link rel="self" header; pages do not. */
  kind: "feed" | "page";
  /** Absolute URL of this document, for Link: <...>; rel="self". */
  selfUrl: string;
  /** WebSub hubs, for Link: <...>; rel="hub" (feeds only). */
  hubs: readonly string[];
}

const gzipOptions = { level: 9 };

function brotliOptions(size: number) {
  return {
    params: {
      // Quality 6 is within 12% of the maximum's size at a tenth of the time (300 KB: 14 ms).
      [zlibConstants.BROTLI_PARAM_QUALITY]: 6,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: size,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
    },
  };
}

function compress(encoding: ContentEncoding, body: Buffer): Buffer {
  if (encoding === "gzip") return gzipSync(body, gzipOptions);
  if (encoding === "br") return brotliCompressSync(body, brotliOptions(body.length));
  return body;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The same bytes as compress(), made on libuv's thread pool instead of the event loop. */
function compressAsync(encoding: "gzip" | "br", body: Buffer): Promise<Buffer> {
  return encoding === "gzip"
    ? gzipAsync(body, gzipOptions)
    : brotliAsync(body, brotliOptions(body.length));
}

export class Rendition {
  readonly path: string;
  readonly mediaType: string;
  readonly lastModified: Date;
  readonly maxAgeSeconds: number;
  readonly kind: "feed" | "page";
  readonly selfUrl: string;
  readonly hubs: readonly string[];
  /** Hex SHA-256 of the identity bytes: tells whether two builds produced the same content. */
  readonly digest: string;
  readonly #variants = new Map<ContentEncoding, RenditionVariant>();
  /** Told of the bytes of each compressed copy made: the cache that holds the rendition. */
  #onGrowth: ((bytes: number) => void) | undefined;
  /** Base of the ETags: part of the SHA-256, base64url. */
  readonly #tag: string;

  constructor(options: RenditionOptions) {
    this.path = options.path;
    this.mediaType = options.mediaType;
    this.maxAgeSeconds = options.maxAgeSeconds;
    this.kind = options.kind;
    this.selfUrl = options.selfUrl;
    this.hubs = options.hubs;
    const body =
      typeof options.body === "string" ? Buffer.from(options.body, "utf8") : options.body;
    const hash = createHash("sha256").update(body).digest();
    this.digest = hash.toString("hex");
    const tag = hash.subarray(0, 18).toString("base64url");
    this.#variants.set("identity", { encoding: "identity", body, etag: `"${tag}"` });
    this.#tag = tag;
    this.lastModified =
      typeof options.lastModified === "function" ? options.lastModified(tag) : options.lastModified;
  }

  /** The bytes held: the body and every compressed copy made so far. */
  get bytes(): number {
    let total = 0;
    for (const variant of this.#variants.values()) total += variant.body.length;
    return total;
  }

  get body(): Buffer {
    return this.variant("identity").body;
  }

  /**
   * Whom to tell of the bytes of each compressed copy made from now on (one listener: the cache
   * that holds the rendition counts them).
   */
  onGrowth(listener: ((bytes: number) => void) | undefined): void {
    this.#onGrowth = listener;
  }

  /** The bytes for one content coding, compressed on first use and kept. */
  variant(encoding: ContentEncoding): RenditionVariant {
    const variant = this.#variants.get(encoding);
    if (variant !== undefined) return variant;
    const identity = this.#variants.get("identity") as RenditionVariant;
    return this.#keep(encoding, compress(encoding, identity.body));
  }

  /**
   * Compresses every coding on the thread pool, so the rendition can be served (identity, or a
   * coding compressed on demand) before the compressed copies are ready.
   */
  async precompress(): Promise<void> {
    await Promise.all(
      (["gzip", "br"] as const).map(async (encoding) => {
        if (this.#variants.has(encoding)) return;
        const body = await compressAsync(encoding, this.body);
        if (!this.#variants.has(encoding)) this.#keep(encoding, body);
      }),
    );
  }

  #keep(encoding: ContentEncoding, body: Buffer): RenditionVariant {
    const variant = { encoding, body, etag: `"${this.#tag}-${encoding}"` };
    this.#variants.set(encoding, variant);
    this.#onGrowth?.(body.length);
    return variant;
  }
}
