// How long the work done on worker threads may take before it is given up (RENDER_TIMEOUT_MS,
// MEDIA_PROBE_TIMEOUT_MS), read from the environment.
import { wholeNumberSetting } from "../config.js";

export interface WorkBounds {
  /** The longest one article body may take to render (RENDER_TIMEOUT_MS). */
  renderTimeoutMs: number;
  /** The longest reading one media file's playing time may take (MEDIA_PROBE_TIMEOUT_MS). */
  probeTimeoutMs: number;
}

/**
 * A 2 MiB article renders in under a second on an idle core (3 MB of paragraphs: 0.8 s), with
 * room here for a loaded machine; inputs built to make rendering or probing run for minutes stop
 * at these.
 */
export const defaultWorkBounds: WorkBounds = { renderTimeoutMs: 5_000, probeTimeoutMs: 10_000 };

const variables: ReadonlyArray<[keyof WorkBounds, string]> = [
  ["renderTimeoutMs", "RENDER_TIMEOUT_MS"],
  ["probeTimeoutMs", "MEDIA_PROBE_TIMEOUT_MS"],
];

export function parseWorkBounds(env: NodeJS.ProcessEnv): WorkBounds {
  const bounds = { ...defaultWorkBounds };
  for (const [key, variable] of variables) {
    const expected = "milliseconds from 10 to 600000";
    const value = wholeNumberSetting(variable, env[variable], 10, 600_000, expected);
    if (value !== undefined) bounds[key] = value;
  }
  return bounds;
}
