// The live heap of a probe run with --expose-gc: what is left after full collections.
const gc = (globalThis as { gc?: () => void }).gc;

export function liveHeapMiB(): number {
  if (gc === undefined) throw new Error("run with --expose-gc");
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
