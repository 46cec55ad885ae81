// Reading a media file's playing time on a worker thread, bounded in time: music-metadata can run
// for minutes on a file that is not what its name says (an .mp3 of bogus frame headers), and a
// probe that is given up on must stop, not keep a core and the store waiting.
import { type WorkerPool, WorkFailedError, WorkTimeoutError } from "../workers/worker-pool.js";

/** Whole seconds of a file's playing time, or undefined when its format does not say. */
export type DurationProbe = (file: string) => Promise<number | undefined>;

/** A probe that was given up on; the message says why, for the file's episode to be refused. */
export class DurationProbeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "DurationProbeError";
  }
}

/** Probes on the pool's threads; past `timeoutMs` the thread is stopped and the probe fails. */
export function boundedDurationProbe(pool: WorkerPool, timeoutMs: number): DurationProbe {
  return async (file) => {
    try {
      return await pool.run({ kind: "duration", file }, timeoutMs);
    } catch (error) {
      if (error instanceof WorkTimeoutError) {
        throw new DurationProbeError(
          `its playing time could not be read within ${timeoutMs.toLocaleString("en")} ms (MEDIA_PROBE_TIMEOUT_MS)`,
          { cause: error },
        );
      }
      if (error instanceof WorkFailedError) {
        throw new DurationProbeError(`its playing time could not be read (${error.message})`, {
          cause: error,
        });
      }
      throw error;
    }
  };
}
