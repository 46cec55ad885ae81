// The two date forms feeds use, both in UTC with English names whatever the machine's locale.
import type { DateTime } from "luxon";

/** RFC 822/1123 with a four-digit year and GMT, for RSS: "Mon, 20 Oct 2014 08:00:00 GMT". */
export function formatRfc822(date: DateTime): string {
  return date.toUTC().setLocale("en-US").toHTTP() ?? "";
}

/** RFC 3339 in UTC, for Atom and JSON Feed: "2014-10-20T08:00:00Z". */
export function formatRfc3339(date: DateTime): string {
  return date.toUTC().toISO({ suppressMilliseconds: true }) ?? "";
}
