// The entry point of a worker thread of the pool (worker-pool.ts): says it is ready once its
// modules are loaded, then runs one job at a time and answers with its result or its error.
import { parentPort } from "node:worker_threads";
import { type Job, runJob } from "./jobs.js";

export interface JobMessage {
  id: number;
  job: Job;
}

export type ThreadMessage =
  | { ready: true }
  | { id: number; result: Awaited<ReturnType<typeof runJob>> }
  | { id: number; error: string };

const port = parentPort;
if (port === null) throw new Error("worker-thread.ts runs only as a worker thread");

port.on("message", async ({ id, job }: JobMessage) => {
  let answer: ThreadMessage;
  try {
    answer = { id, result: await runJob(job) };
  } catch (error) {
    // The first line only: a stack overflow's message is followed by a plea to report it.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    answer = { id, error: message.split("\n")[0] ?? message };
  }
  port.postMessage(answer);
});
port.postMessage({ ready: true } satisfies ThreadMessage);
