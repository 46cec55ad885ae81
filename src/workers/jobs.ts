// The work wirefeed hands to worker threads, because a hostile input can make it run for minutes
// or overflow the stack: rendering an article's Markdown body, and reading a media file's playing
// time; and, at a first reading of a large folder, reading and parsing its files on every core.
// Plain data in, plain data out (both cross a thread boundary).
import { type RenderedBody, renderMarkdownBody } from "../articles/markdown-body.js";
import { type ReadJob, readArticleBatch, type ThreadRead } from "../articles/read-job.js";
import { readDurationSeconds } from "../media/audio-duration.js";

export type Job =
  | { kind: "markdown"; markdown: string; caption: string | undefined }
  | { kind: "duration"; file: string }
  | ReadJob;

/** What each kind of job gives back. */
export interface JobResults {
  markdown: RenderedBody;
  duration: number | undefined;
  "read-articles": ThreadRead[];
}

export type JobResult = JobResults[Job["kind"]];

/** Runs a job where it is called: in a worker thread (worker-thread.ts). */
export async function runJob(job: Job): Promise<JobResult> {
  switch (job.kind) {
    case "markdown":
      return renderMarkdownBody(job.markdown, job.caption);
    case "duration":
      return readDurationSeconds(job.file);
    case "read-articles":
      return readArticleBatch(job);
  }
}
