// npm run export -- DIR: writes every feed and page the server would serve into DIR, for a CDN or
// object storage. Pages go to <path>/index.html, feeds to their own names; gzip and brotli copies
// sit beside them (.gz, .br); episodes' media files and the article images of the images folder
// go to their URL paths (media/<version>/<stem>.<version><ext>, images/… alike); headers.json
// lists the headers each URL must be served with. Media files also go under the form older feeds
// wrote (media/<version>/<name>), which the server still answers.
import { copyFile, link, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Config, loadConfig } from "../config.js";
import { renditionHeaders } from "../http/rendition-headers.js";
import { mediaCacheControl } from "../http/serve-media.js";
import { consoleLogger as logger } from "../log.js";
import { ImageFolder } from "../media/image-folder.js";
import { MediaCopies } from "../media/media-copies.js";
import { MediaFolder } from "../media/media-folder.js";
import type { ServedFile } from "../media/served-folder.js";
import type { Article } from "../model.js";
import type { ContentEncoding, Rendition } from "../renditions/rendition.js";
import { openService } from "../service.js";

/** Where the file for a URL path goes: "/" → index.html, "/articles/x" → articles/x/index.html. */
export function exportFileFor(urlPath: string, rendition: Rendition): string {
  const relative = decodeURIComponent(urlPath).replace(/^\/+/, "");
  if (rendition.kind === "page") return path.join(relative, "index.html");
  return relative;
}

export interface ExportedFile {
  file: string;
  headers: Record<string, string>;
}

/** One URL: its file, and for feeds the precompressed copies a server picks by Accept-Encoding. */
export interface ExportedUrl extends ExportedFile {
  encoded?: Partial<Record<"gzip" | "br", ExportedFile>>;
}

export interface ExportedHeaders {
  [urlPath: string]: ExportedUrl;
}

/** The headers the server sends with a 200 for one coding of a rendition (rendition-headers.ts). */
function headerStrings(rendition: Rendition, encoding: ContentEncoding): Record<string, string> {
  const { ok } = renditionHeaders(rendition, rendition.variant(encoding));
  return Object.fromEntries(Object.entries(ok).map(([name, value]) => [name, String(value)]));
}

function insideFolder(outDir: string, file: string): string {
  const target = path.join(outDir, file);
  if (!target.startsWith(path.resolve(outDir) + path.sep))
    throw new Error(`export: refusing to write outside ${outDir}: ${file}`);
  return target;
}

/** A file of a served folder (media, images), copied to its versioned path, with its headers. */
async function exportServedFile(
  folder: { read(name: string): Promise<ServedFile> },
  prefix: "media" | "images",
  name: string,
  urlPath: string,
  outDir: string,
  manifest: ExportedHeaders,
): Promise<void> {
  if (manifest[urlPath] !== undefined) return;
  const served = await folder.read(name);
  const file = decodeURIComponent(urlPath).replace(/^\/+/, "");
  insideFolder(outDir, file);
  // The copy is hashed as it is written (media-copies.ts), as the server's are: a file that
  // changed since the feeds named its version is not exported under that version.
  const copied =
    urlPath === `/${prefix}${MediaCopies.urlPath(served)}` &&
    (await new MediaCopies(path.join(outDir, prefix)).ensure(served));
  if (!copied) {
    throw new Error(
      `export: ${name} changed in the ${prefix} folder while the site was exported; run the export again`,
    );
  }
  const headers = {
    "Content-Type": served.type,
    ETag: `"${served.version}"`,
    "Last-Modified": served.modified.toUTCString(),
    "Cache-Control": mediaCacheControl,
    "Accept-Ranges": "bytes",
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
  };
  manifest[urlPath] = { file, headers };
  if (prefix !== "media") return;
  // Podcast apps hold enclosure URLs of the form feeds wrote before the version went into the
  // name; the server answers them with the same bytes, and so must a CDN fed by the export.
  const formerPath = `/media/${served.version}/${encodeURIComponent(served.name)}`;
  const formerFile = path.join("media", served.version, served.name);
  await linkOrCopy(insideFolder(outDir, file), insideFolder(outDir, formerFile));
  manifest[formerPath] = { file: formerFile, headers };
}

/** Gives the file at `from` a second name (a copy where the file system has no hard links). */
async function linkOrCopy(from: string, to: string): Promise<void> {
  await rm(to, { force: true });
  await link(from, to).catch(() => copyFile(from, to));
}

/** The episodes' media files and the lead images of the images folder the articles show. */
async function exportFolderFiles(
  articles: readonly Article[],
  folders: { media: MediaFolder; images?: ImageFolder },
  outDir: string,
  manifest: ExportedHeaders,
): Promise<void> {
  for (const article of articles) {
    const named = article.episode?.mediaFile;
    const mediaPath = article.episode?.enclosure?.url;
    if (named !== undefined && mediaPath !== undefined)
      await exportServedFile(folders.media, "media", named.file, mediaPath, outDir, manifest);
    const image = article.image;
    if (folders.images !== undefined && image?.file !== undefined && image.url !== undefined)
      await exportServedFile(folders.images, "images", image.file, image.url, outDir, manifest);
  }
}

/** Writes the site that `config` describes into outDir; returns what headers.json lists. */
export async function exportSite(
  outDir: string,
  config: Pick<Config, "siteUrl" | "articlesDir" | "site" | "mediaDir" | "members"> &
    Partial<Pick<Config, "maxArticleBytes" | "followSymlinks" | "imagesDir">>,
): Promise<ExportedHeaders> {
  const service = await openService(config, logger);
  const snapshot = service.snapshot();
  const manifest: ExportedHeaders = {};
  for (const [urlPath, rendition] of snapshot.renditions) {
    const file = exportFileFor(urlPath, rendition);
    const target = insideFolder(outDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, rendition.body);
    const entry: ExportedUrl = { file, headers: headerStrings(rendition, "identity") };
    if (rendition.kind === "feed") {
      entry.encoded = {};
      for (const encoding of ["gzip", "br"] as const) {
        const suffix = encoding === "gzip" ? ".gz" : ".br";
        await writeFile(`${target}${suffix}`, rendition.variant(encoding).body);
        entry.encoded[encoding] = {
          file: `${file}${suffix}`,
          headers: headerStrings(rendition, encoding),
        };
      }
    }
    manifest[urlPath] = entry;
  }
  const followSymlinks = config.followSymlinks ?? false;
  await exportFolderFiles(
    snapshot.articles,
    {
      media: new MediaFolder(config.mediaDir, { followSymlinks }),
      ...(config.imagesDir === undefined
        ? {}
        : { images: new ImageFolder(config.imagesDir, { followSymlinks }) }),
    },
    outDir,
    manifest,
  );
  await writeFile(path.join(outDir, "404.html"), snapshot.notFoundHtml);
  await writeFile(path.join(outDir, "headers.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

const exportUsage =
  "usage: wirefeed export DIR (in a checkout: npm run export -- DIR): writes every feed and page, compressed copies and headers.json into DIR";

/** `wirefeed export DIR`: returns the exit status. */
export async function runExport(args: readonly string[]): Promise<number> {
  const outDir = args[0];
  if (args.length === 1 && (outDir === "--help" || outDir === "-h")) {
    process.stdout.write(`${exportUsage}\n`);
    return 0;
  }
  if (outDir === undefined || outDir === "" || outDir.startsWith("-") || args.length > 1) {
    logger.error(exportUsage);
    return 2;
  }
  const resolved = path.resolve(outDir);
  try {
    const manifest = await exportSite(resolved, loadConfig(process.env, process.cwd()));
    logger.info("exported", { dir: resolved, urls: Object.keys(manifest).length });
    return 0;
  } catch (error) {
    logger.error("export failed", {
      error: error instanceof Error ? error.message : String(error),
    });
    return 1;
  }
}
