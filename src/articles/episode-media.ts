// Reads the media file an episode names from the media folder: its size and type become the
// enclosure's, its playing time the episode's, and its content hash goes into the URL. Whatever
// the front matter says about the file must agree with it; a disagreement is an ArticleError
// naming the article file and the field.

import { type MediaFile, MediaFileError, type MediaFolder } from "../media/media-folder.js";
import type { Article, Enclosure } from "../model.js";
import { mediaPath } from "../urls.js";
import { ArticleError } from "./parse.js";

/** A duration given in the front matter may differ from the file's by this much (rounding). */
const durationToleranceSeconds = 1;

function disagreements(article: Article, media: MediaFile): string[] {
  const given = article.episode?.mediaFile;
  if (given === undefined) return [];
  const problems: string[] = [];
  if (given.length !== undefined && given.length !== media.size) {
    problems.push(
      `enclosure.length: ${given.length} bytes given, but ${media.name} in the media folder has ${media.size} bytes`,
    );
  }
  if (given.type !== undefined && given.type !== media.type) {
    problems.push(
      `enclosure.type: "${given.type}" given, but ${media.name} is ${media.type} (from its extension)`,
    );
  }
  if (
    given.durationSeconds !== undefined &&
    media.durationSeconds !== undefined &&
    Math.abs(given.durationSeconds - media.durationSeconds) > durationToleranceSeconds
  ) {
    problems.push(
      `enclosure.duration: ${given.durationSeconds} s given, but ${media.name} plays for ${media.durationSeconds} s`,
    );
  }
  return problems;
}

/**
 * Sets the enclosure of an article whose episode names a media-folder file, on the article itself
 * (it is fresh from the parser, not yet shared). Articles without one are returned as they are.
 */
export async function readEpisodeMedia(
  article: Article,
  media: MediaFolder | undefined,
): Promise<Article> {
  const episode = article.episode;
  const given = episode?.mediaFile;
  if (episode === undefined || given === undefined) return article;
  if (media === undefined) {
    throw new ArticleError(article.file, [
      `enclosure.file: no media folder is configured to read ${given.file} from (MEDIA_DIR)`,
    ]);
  }
  let file: MediaFile;
  try {
    file = await media.read(given.file);
  } catch (error) {
    if (!(error instanceof MediaFileError)) throw error;
    throw new ArticleError(article.file, [`enclosure.file: ${error.message}`], { cause: error });
  }
  const problems = disagreements(article, file);
  if (problems.length > 0) throw new ArticleError(article.file, problems);
  const enclosure: Enclosure = {
    url: mediaPath(file.version, file.name),
    type: file.type,
    length: file.size,
  };
  const duration = file.durationSeconds ?? given.durationSeconds;
  if (duration !== undefined) enclosure.durationSeconds = duration;
  episode.enclosure = enclosure;
  return article;
}
