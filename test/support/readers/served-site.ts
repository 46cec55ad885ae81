// The real service on 127.0.0.1 for the reader matrix: a temporary store the test edits, and a
// record of every request the readers make (its conditional headers and the status it got).
import { rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Clock } from "../../../src/articles/schedule.js";
import { openService, type Service } from "../../../src/service.js";
import type { SiteMetadata } from "../../../src/site/site-metadata.js";
import { recordingLogger } from "../server.js";
import { makeTempDir, type Teardown } from "./run-client.js";

/** One request as the server saw it. */
export interface RecordedRequest {
  path: string;
  userAgent: string;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  status: number;
}

export function isConditional(request: RecordedRequest): boolean {
  return request.ifNoneMatch !== undefined || request.ifModifiedSince !== undefined;
}

export interface StoreChange {
  articles?: Record<string, string | undefined>;
  media?: Record<string, Buffer | undefined>;
  reread?: string[];
}

export interface ServedSite {
  baseUrl: string;
  service: Service;
  articlesDir: string;
  mediaDir: string;
  requests: RecordedRequest[];
  /**
   * Writes (or, with `undefined`, deletes) article and media files, then has the service read the
   * articles again (those written, and `reread`: the episodes of a replaced media file).
   */
  change(files: StoreChange): Promise<void>;
  /** The bytes of a media file at its absolute URL. */
  media(url: string): Promise<Buffer>;
  /** The bytes served at `urlPath`, with its validators. */
  served(urlPath: string): Promise<{ body: Buffer; etag: string; lastModified: string }>;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(dir, name), bytes);
}

/** Listens on 127.0.0.1 at a free port, closed at teardown. */
export async function startServedSite(
  teardown: Teardown,
  site: SiteMetadata,
  articles: Record<string, string>,
  media: Record<string, Buffer>,
  /** The clock embargoes and retractions are measured against; the system clock unless given. */
  options: { clock?: Clock } = {},
): Promise<ServedSite> {
  const articlesDir = await makeTempDir(teardown, "articles");
  const mediaDir = await makeTempDir(teardown, "media");
  await writeFiles(articlesDir, articles);
  await writeFiles(mediaDir, media);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  teardown.add(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const service = await openService(
    { articlesDir, mediaDir, site, siteUrl: baseUrl },
    recordingLogger(),
    { watch: false, ...(options.clock === undefined ? {} : { clock: options.clock }) },
  );
  teardown.add(() => service.close());
  const requests: RecordedRequest[] = [];
  server.on("request", (request, response) => {
    response.on("finish", () =>
      requests.push({
        path: request.url ?? "",
        userAgent: header(request, "user-agent") ?? "",
        ifNoneMatch: header(request, "if-none-match"),
        ifModifiedSince: header(request, "if-modified-since"),
        status: response.statusCode,
      }),
    );
    service.handleRequest(request, response);
  });
  return {
    baseUrl,
    service,
    articlesDir,
    mediaDir,
    requests,
    async change({ articles = {}, media = {}, reread = [] }) {
      const writes = [
        ...Object.entries(media).map(
          ([name, bytes]) => [path.join(mediaDir, name), bytes] as const,
        ),
        ...Object.entries(articles).map(
          ([name, text]) => [path.join(articlesDir, name), text] as const,
        ),
      ];
      for (const [file, bytes] of writes) {
        if (bytes === undefined) await rm(file);
        else await writeFile(file, bytes);
      }
      await service.refresh([...Object.keys(articles), ...reread]);
    },
    async media(url) {
      const response = await fetch(url, { headers: { "User-Agent": "wirefeed-matrix" } });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
    async served(urlPath) {
      const response = await fetch(`${baseUrl}${urlPath}`, {
        headers: { "Accept-Encoding": "identity", "User-Agent": "wirefeed-matrix" },
      });
      if (response.status !== 200) throw new Error(`${urlPath} answered ${response.status}`);
      return {
        body: Buffer.from(await response.arrayBuffer()),
        etag: response.headers.get("etag") ?? "",
        lastModified: response.headers.get("last-modified") ?? "",
      };
    },
  };
}
