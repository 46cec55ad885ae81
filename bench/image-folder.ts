// npm run bench:images: what the images folder costs per image. The header reader on bytes in
// memory; a first read of a 500 KB JPEG (SHA-256 of the bytes and its first 256 KiB for the
// size); a read of an unchanged file (a stat). Files in a temporary folder, removed at the end.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ImageFolder } from "../src/media/image-folder.js";
import { imageSize } from "../src/media/image-size.js";
import { jpegHeader } from "../test/support/images.js";

const files = 200;
const sizeCalls = 100_000;
const dir = mkdtempSync(path.join(tmpdir(), "wirefeed-image-bench-"));
try {
  const bytes = Buffer.concat([jpegHeader(1200, 800), randomBytes(500_000)]);
  for (let i = 0; i < files; i++) writeFileSync(path.join(dir, `p${i}.jpg`), bytes);
  let started = performance.now();
  for (let i = 0; i < sizeCalls; i++) imageSize(bytes);
  const sizeMicros = ((performance.now() - started) * 1000) / sizeCalls;
  const folder = new ImageFolder(dir);
  started = performance.now();
  for (let i = 0; i < files; i++) await folder.read(`p${i}.jpg`);
  const firstMs = (performance.now() - started) / files;
  started = performance.now();
  for (let i = 0; i < files; i++) await folder.read(`p${i}.jpg`);
  const againMs = (performance.now() - started) / files;
  console.table({
    "header reader, bytes in memory (µs)": sizeMicros.toFixed(2),
    "first read of a 500 KB JPEG (ms)": firstMs.toFixed(2),
    "read of an unchanged file (ms)": againMs.toFixed(2),
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
