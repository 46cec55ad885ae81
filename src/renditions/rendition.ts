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

/**
 * Compressed copies made ahead of requests are made one at a time. libuv runs four jobs at once,
 * and on a machine of two cores four compressions leave the event loop a fraction of a core just
 * when a change has been published and readers come for it (at 100,000 stories the new feed was
 * seen 10-20 ms after the build with four at once, 8-12 ms with one).
 */
let lastAhead: Promise<unknown> = Promise.resolve();
function compressAhead(encoding: "gzip" | "br", body: Buffer): Promise<Buffer> {
  const made = lastAhead.then(() => compressAsync(encoding, body));
  lastAhead = made.catch(() => {});
  return made;
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
  /** The compressed copies being made ahead of requests (precompress). */
  readonly #making = new Map<ContentEncoding, Promise<RenditionVariant>>();
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
   * The bytes for one content coding when they can be had without waiting: made, or made now on
   * the event loop. Undefined while they are being made ahead (precompress): wait for them with
   * variantWhenMade rather than compress the same bytes twice, once on the event loop.
   */
  readyVariant(encoding: ContentEncoding): RenditionVariant | undefined {
    if (!this.#variants.has(encoding) && this.#making.has(encoding)) return undefined;
    return this.variant(encoding);
  }

  /** The bytes for one content coding, once the copy being made ahead is made. */
  async variantWhenMade(encoding: ContentEncoding): Promise<RenditionVariant> {
    try {
      await this.#making.get(encoding);
    } catch {
      // Made on the event loop below instead.
    }
    return this.variant(encoding);
  }

  /**
   * Compresses every coding on the thread pool, so the rendition can be served (identity, or a
   * coding compressed on demand) before the compressed copies are ready.
   */
  async precompress(): Promise<void> {
    await Promise.all(
      (["gzip", "br"] as const).map((encoding) => {
        if (this.#variants.has(encoding)) return undefined;
        let making = this.#making.get(encoding);
        if (making === undefined) {
          making = compressAhead(encoding, this.body)
            .then((body) => this.#variants.get(encoding) ?? this.#keep(encoding, body))
            .finally(() => this.#making.delete(encoding));
          this.#making.set(encoding, making);
        }
        return making;
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
