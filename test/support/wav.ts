// Small PCM WAV files made by the tests themselves (no download): a RIFF header and 8-bit mono
// samples of a sine tone. music-metadata reads their playing time from the header.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";

export interface WavOptions {
  seconds: number;
  /** Samples a second; 8000 by default. */
  sampleRate?: number;
  /** Pitch of the tone, so that two files of one length differ. */
  frequency?: number;
}

/** A mono 8-bit PCM WAV file: 44 header bytes, then one byte per sample. */
export function wavBytes({ seconds, sampleRate = 8000, frequency = 440 }: WavOptions): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples);
  for (let i = 0; i < samples; i++)
    data[i] = 128 + Math.round(100 * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16); // size of the fmt chunk
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28); // bytes a second
  header.writeUInt16LE(1, 32); // bytes a frame
  header.writeUInt16LE(8, 34); // bits a sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A new temporary media folder holding the given files; removed when the test ends. */
export async function makeMediaDir(files: Record<string, Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "wirefeed-media-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [name, bytes] of Object.entries(files)) await writeFile(path.join(dir, name), bytes);
  return dir;
}
