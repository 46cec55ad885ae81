// Dates as pages show them: in the site's time zone (site.json timeZone), with the time of day and
// the zone's name, in a <time> whose datetime keeps the offset. Feeds keep their own UTC dates.
import { DateTime } from "luxon";
import { html, type SafeHtml } from "./html.js";

const formats = {
  /** "Tuesday 3 March 2026, 00:30 CET": an article's own page. */
  full: "cccc d LLLL yyyy, HH:mm ZZZZ",
  /** "3 March 2026, 00:30 CET": lists. */
  short: "d LLLL yyyy, HH:mm ZZZZ",
  /** "3 March 2026": a day, as a notice names it. */
  day: "d LLLL yyyy",
};

type DateStyle = keyof typeof formats;

/** The date as text in the site's time zone. */
export function pageDate(when: DateTime, timeZone: string, style: DateStyle): string {
  return when.setZone(timeZone).setLocale("en-GB").toFormat(formats[style]);
}

/** The date in a <time> element whose datetime is in the site's time zone, with its offset. */
export function pageTime(when: DateTime, timeZone: string, style: DateStyle): SafeHtml {
  const datetime = when.setZone(timeZone).toISO({ suppressMilliseconds: true }) ?? "";
  return html`<time datetime="${datetime}">${pageDate(when, timeZone, style)}</time>`;
}

/** "Published <time>", and " · Updated <time>" when the article changed after it was published. */
export function publicationDates(
  published: DateTime,
  updated: DateTime | undefined,
  timeZone: string,
  style: "full" | "short",
): SafeHtml {
  const changed = updated !== undefined && updated.toMillis() > published.toMillis();
  return html`Published ${pageTime(published, timeZone, style)}${
    changed ? html` · Updated ${pageTime(updated, timeZone, style)}` : ""
  }`;
}

/** "March 2026" for the month "2026-03" (months of the archive are UTC months, as in the feeds). */
export function monthLabel(month: string): string {
  return DateTime.fromISO(month, { zone: "utc" }).setLocale("en-GB").toFormat("LLLL yyyy");
}
