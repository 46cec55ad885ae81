// Reads the images folder file an article's lead image names: its content hash goes into the URL
// (/images/<version>/<stem>.<version><ext>), its pixel size and type into every format and page. An image that
// cannot be used (missing, not an image, a link out of the folder) does not stop the article: it
// is published without the image, with a warning ("image: budget.jpg: no such file in the images
// folder; …") naming the field and the file, as the store's other warnings do.
import type { ImageFile, ImageFolder } from "../media/image-folder.js";
import { ServedFileError } from "../media/served-folder.js";
import type { Article, LeadImage } from "../model.js";
import { imagePath } from "../urls.js";

/** What the front matter says of the image that the file contradicts; the file is believed. */
function disagreements(given: LeadImage, file: ImageFile): string[] {
  const sides = [
    ["width", given.width, file.width],
    ["height", given.height, file.height],
  ] as const;
  const warnings = sides
    .filter(([, stated, actual]) => stated !== undefined && stated !== actual)
    .map(
      ([side, stated, actual]) =>
        `image.${side}: ${stated} given, but ${file.name} is ${actual} pixels ${side === "width" ? "wide" : "high"}; ${actual} is used`,
    );
  if (given.type !== undefined && given.type !== file.type)
    warnings.push(
      `image.type: "${given.type}" given, but ${file.name} is ${file.type}; ${file.type} is used`,
    );
  return warnings;
}

/**
 * Sets the URL, size and type of an article's lead image from the images folder file it names, on
 * the article itself (it is fresh from the parser, not yet shared). Articles whose image is not a
 * folder file are returned as they are.
 */
export async function readLeadImage(
  article: Article,
  images: ImageFolder | undefined,
): Promise<Article> {
  const given = article.image;
  if (given?.file === undefined) return article;
  const withoutImage = (message: string): Article => {
    // The reference stays, so a change in the folder has the article read again; so does a
    // caption, as for a scraped caption whose image is not known.
    article.image = {
      file: given.file as string,
      ...(given.caption === undefined ? {} : { caption: given.caption }),
    };
    article.warnings = [...(article.warnings ?? []), `image: ${message}`];
    return article;
  };
  if (images === undefined)
    return withoutImage(
      `${given.file}: no images folder is configured (IMAGES_DIR); published without the image`,
    );
  let file: ImageFile;
  try {
    file = await images.read(given.file);
  } catch (error) {
    if (!(error instanceof ServedFileError)) throw error;
    return withoutImage(`${error.message}; published without the image`);
  }
  const warnings = disagreements(given, file);
  if (warnings.length > 0) article.warnings = [...(article.warnings ?? []), ...warnings];
  article.image = {
    ...given,
    url: imagePath(file.version, file.name),
    width: file.width,
    height: file.height,
    type: file.type,
  };
  return article;
}
