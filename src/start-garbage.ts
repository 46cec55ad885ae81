// One full garbage collection once the server has started. Opening a large store leaves most of
// what it allocated dead in the old generation (at 100,000 articles some 170 MiB: rows decoded,
// the holder record read for the first settling, the first build's work), and V8 collects that
// generation only when it next nears its limit, which a server serving ready bytes may not reach
// for hours: it would sit at 550 MiB resident instead of about 390. The collection costs one
// pause (about 80 ms at 100,000 articles), taken once, right after the first feeds are ready: a
// request arriving during it waits for it. Node warns that V8 flags set after start may act
// unpredictably; this one only decides whether a new context gets `gc`, and is set back at once.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** V8's full collection; from a context made while the flag was set, so `gc` stays unexposed. */
function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString("--expose-gc");
  try {
    return runInNewContext("gc") as () => void;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}

/** Collects every generation now; gives the pause in ms and the heap in use after it. */
export function collectStartGarbage(): { ms: number; heapUsedMiB: number } {
  const started = performance.now();
  fullCollection()();
  return {
    ms: Math.round(performance.now() - started),
    heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}
