// Corrections and retractions as front matter gives them, turned into what readers see: a note
// at the end of the content for each correction (every format and the article page carry the
// body, so all of them show it), and the date an update or withdrawal took effect.
import type { DateTime } from "luxon";
import { escapeHtml } from "../html-escape.js";
import type { Correction, Retraction } from "../model.js";
import type { FrontMatter } from "./front-matter.js";

/** "16 January 2026", in UTC, as the notes state it. */
function noteDate(date: DateTime): string {
  return date.toUTC().toFormat("d LLLL yyyy", { locale: "en" });
}

/** The notes appended to the body, oldest correction first. */
export function correctionNotesHtml(corrections: readonly Correction[]): string {
  return corrections
    .map(
      (correction) =>
        `<p class="correction"><strong>Correction (${noteDate(correction.date)}):</strong> ${escapeHtml(correction.text)}</p>`,
    )
    .join("\n");
}

/** The corrections oldest first, each checked against the publication date. */
export function readCorrections(meta: Pick<FrontMatter, "corrections" | "published">): {
  corrections: Correction[];
  problems: string[];
} {
  const corrections = [...(meta.corrections ?? [])].sort(
    (a, b) => a.date.toMillis() - b.date.toMillis(),
  );
  const problems = corrections
    .filter((correction) => correction.date < meta.published)
    .map(
      (correction) =>
        `corrections: ${correction.date.toISO()} is before published ${meta.published.toISO()}`,
    );
  return { corrections, problems };
}

/** The retraction, dated by its own `date` or by `updated`. */
export function readRetraction(meta: Pick<FrontMatter, "retracted" | "published" | "updated">): {
  retraction?: Retraction;
  problems: string[];
} {
  const given = meta.retracted;
  if (given === undefined) return { problems: [] };
  const reason = typeof given === "string" ? given : given.reason;
  const date = typeof given === "string" ? meta.updated : given.date;
  if (date === undefined)
    return {
      problems: [
        "retracted: give the date of the retraction, as retracted: { reason, date } or in updated",
      ],
    };
  if (date < meta.published)
    return {
      problems: [`retracted: ${date.toISO()} is before published ${meta.published.toISO()}`],
    };
  return { retraction: { reason, date }, problems: [] };
}
