// The images folder (IMAGES_DIR): article images, served under /images/<version>/<stem>.<version><ext>
// (served-folder.ts) like episodes under /media/. Each file is read once per version for its
// content hash and, from its first bytes, its pixel size and format, which must be the format its
// extension names (the served Content-Type comes from the extension, under nosniff).
import { open } from "node:fs/promises";
import { imageHeaderBytes, imageSize } from "./image-size.js";
import {
  type FolderKind,
  type ServedFile,
  ServedFileError,
  ServedFolder,
  typeByExtension,
} from "./served-folder.js";

export const imageTypesByExtension: Readonly<Record<string, string>> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".gif": "image/gif",
  ".webp": "image/webp",
};

/** Larger than any image a page or a reader should download. */
export const maxImageBytes = 20 * 1024 * 1024;

interface ImageFacts {
  width: number;
  height: number;
}

/** What the folder knows about one version of an image. */
export type ImageFile = ServedFile & ImageFacts;

async function readHeader(file: string): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const buffer = new Uint8Array(imageHeaderBytes);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const imageKind: FolderKind<ImageFacts> = {
  label: "images folder",
  typesByExtension: imageTypesByExtension,
  maxBytes: maxImageBytes,
  probe: async (file, name) => {
    const size = imageSize(await readHeader(file));
    const expected = typeByExtension(imageTypesByExtension, name);
    if (size === undefined || size.type !== expected || size.width === 0 || size.height === 0)
      throw new ServedFileError(
        name,
        `${name}: its first bytes are not those of an ${expected} image`,
      );
    return { width: size.width, height: size.height };
  },
};

export class ImageFolder extends ServedFolder<ImageFacts> {
  constructor(dir: string, options: { followSymlinks?: boolean } = {}) {
    super(dir, imageKind, options);
  }
}
