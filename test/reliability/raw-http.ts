// HTTP/1.1 over a bare TCP socket, for requests fetch() would refuse or rewrite (dot segments,
// backslashes, NUL, oversized or malformed headers). Bounded: gives up after `timeoutMs`.
import { connect } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

export interface RawResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString("latin1"), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function parseResponse(data: Buffer): RawResponse {
  const headEnd = data.indexOf("\r\n\r\n");
  if (headEnd < 0) throw new Error(`no complete response: ${JSON.stringify(data.toString())}`);
  const [statusLine = "", ...lines] = data.subarray(0, headEnd).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = data.subarray(headEnd + 4);
  if (headers["transfer-encoding"] === "chunked") body = dechunk(body);
  if (body.length > 0 && headers["content-encoding"] === "gzip") body = gunzipSync(body);
  if (body.length > 0 && headers["content-encoding"] === "br") body = brotliDecompressSync(body);
  return { status, headers, body };
}

/**
 * Sends `head` (request line and header lines, without the blank line that ends them) and
 * `body` exactly as given, then reads until the server closes. `Connection: close` is added.
 */
export function rawRequest(
  baseUrl: string,
  head: string | Buffer,
  body: Buffer = Buffer.alloc(0),
  timeoutMs = 10_000,
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    // The server may answer and close before the whole request is written (431, 413): what it
    // sent is still the answer, so a write error is not a failure as long as a response came.
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    const headBytes = typeof head === "string" ? Buffer.from(head, "latin1") : head;
    socket.write(Buffer.concat([headBytes, Buffer.from("\r\nConnection: close\r\n\r\n"), body]));
  });
}

/** A GET of `target` (sent byte for byte as the request target) with extra header lines. */
export function rawGet(
  baseUrl: string,
  target: string,
  headerLines: readonly string[] = [],
): Promise<RawResponse> {
  const host = new URL(baseUrl).host;
  return rawRequest(
    baseUrl,
    [`GET ${target} HTTP/1.1`, `Host: ${host}`, ...headerLines].join("\r\n"),
  );
}
