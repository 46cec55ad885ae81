// The media folder (MEDIA_DIR): podcast audio and video files, served under
// /media/<version>/<name> (served-folder.ts), each read once per version for its size, media
// type, playing time and content hash; the store and the HTTP handler share the one cache.
import { readDurationSeconds } from "./audio-duration.js";
import { type DurationProbe, DurationProbeError } from "./duration-probe.js";
import { mediaTypesByExtension } from "./media-types.js";
import {
  type FolderKind,
  type ServedFile,
  ServedFileError,
  ServedFolder,
} from "./served-folder.js";

export { ServedFileError as MediaFileError } from "./served-folder.js";

interface MediaFacts {
  /** Whole seconds, when music-metadata can read it. */
  durationSeconds?: number;
}

/** What the folder knows about one version of a file. */
export type MediaFile = ServedFile & MediaFacts;

/** Media files, their playing time read by `probeDuration`; a probe given up on refuses the file. */
function mediaKind(probeDuration: DurationProbe): FolderKind<MediaFacts> {
  return {
    label: "media folder",
    typesByExtension: mediaTypesByExtension,
    probe: async (file, name) => {
      let durationSeconds: number | undefined;
      try {
        durationSeconds = await probeDuration(file);
      } catch (error) {
        if (!(error instanceof DurationProbeError)) throw error;
        throw new ServedFileError(name, `${name}: ${error.message}; refused`, { cause: error });
      }
      return durationSeconds === undefined ? {} : { durationSeconds };
    },
  };
}

export class MediaFolder extends ServedFolder<MediaFacts> {
  /** Playing times are read here, unless a bounded probe is given (duration-probe.ts). */
  constructor(
    dir: string,
    options: { followSymlinks?: boolean; probeDuration?: DurationProbe } = {},
  ) {
    super(dir, mediaKind(options.probeDuration ?? readDurationSeconds), options);
  }
}
