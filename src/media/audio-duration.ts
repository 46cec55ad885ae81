// The playing time of an audio or video file, read by music-metadata (which knows MP3, MP4/M4A,
// WAV, Ogg, FLAC and more). Undefined when the library cannot tell: the front matter's `duration`
// is used then.
import { parseFile } from "music-metadata";

/** Whole seconds, or undefined when the file's format or headers do not say. */
export async function readDurationSeconds(file: string): Promise<number | undefined> {
  try {
    // duration: true lets it count MP3 frames when the file has no Xing/VBRI header.
    const metadata = await parseFile(file, { duration: true, skipCovers: true });
    const seconds = metadata.format.duration;
    return seconds === undefined || !Number.isFinite(seconds) || seconds < 0
      ? undefined
      : Math.round(seconds);
  } catch {
    return undefined;
  }
}
