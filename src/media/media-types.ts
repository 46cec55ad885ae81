// The names and media types of the files the media folder serves, by file extension. The
// enclosure's type and the served Content-Type both come from here, so they always agree. Apple
// Podcasts takes .mp3, .m4a, .mp4, .m4v and .mov; Podcast Index and most apps take the rest too.
import { typeByExtension } from "./served-folder.js";

export { servedFileNamePattern as mediaFileNamePattern } from "./served-folder.js";

export const mediaTypesByExtension: Readonly<Record<string, string>> = {
  ".mp3": "audio/mpeg",
  ".m4a": "audio/x-m4a",
  ".aac": "audio/aac",
  ".mp4": "video/mp4",
  ".m4v": "video/x-m4v",
  ".mov": "video/quicktime",
  ".wav": "audio/wav",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".opus": "audio/opus",
  ".flac": "audio/flac",
  ".webm": "video/webm",
};

/** The media type of a file name, or undefined for an extension that is not listed. */
export function mediaTypeOf(name: string): string | undefined {
  return typeByExtension(mediaTypesByExtension, name);
}
