// The value forms feeds use (URIs, e-mail addresses, RFC 822 and RFC 3339 dates, numbers, media
// types, language tags, base64), each as a function that says what is wrong, or undefined.

/** Characters RFC 3986 allows in a URI outside percent-escapes; IRIs (RFC 3987) add non-ASCII. */
const uriCharacters =
  /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%\u00A0-\uD7FF\uE000-\uFFEF\u{10000}-\u{10FFFF}]*$/u;
const uriScheme = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export interface UriOptions {
  /** The value must carry a scheme (an absolute URI). */
  absolute?: boolean;
  /** The scheme must be http or https. */
  web?: boolean;
}

/** Why `value` is not a URI (surrounding whitespace is allowed and ignored). */
export function uriProblem(value: string, options: UriOptions = {}): string | undefined {
  const uri = value.trim();
  if (uri === "") return "is empty; a URI is required";
  if (/\s/.test(uri))
    return `contains whitespace (${JSON.stringify(shorten(uri))}); write a space as %20`;
  const bad = [...uri].find((character) => !uriCharacters.test(character));
  if (bad !== undefined) {
    return `contains the character ${JSON.stringify(bad)}, which a URI cannot hold unescaped; percent-encode it`;
  }
  if (/%(?![0-9A-Fa-f]{2})/.test(uri)) return "has a % that does not start a %XX escape";
  const hasScheme = uriScheme.test(uri);
  if ((options.absolute || options.web) && !hasScheme) {
    return `${JSON.stringify(shorten(uri))} is relative; a full URI with a scheme is required`;
  }
  if (options.web && !/^https?:\/\/[^/?#\s]+/i.test(uri)) {
    return `${JSON.stringify(shorten(uri))} is not an http or https URL`;
  }
  if (hasScheme && /^https?:/i.test(uri) && !/^https?:\/\/[^/?#]/i.test(uri)) {
    return `${JSON.stringify(shorten(uri))} has no host`;
  }
  return undefined;
}

export function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

const addrSpec =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Whether `value` is a bare e-mail address (RFC 5322 addr-spec, dot-atom form). */
export function isEmailAddress(value: string): boolean {
  return addrSpec.test(value) && !value.startsWith(".") && !value.includes("..");
}

/**
 * Why an RSS person (author, managingEditor, webMaster) is not an e-mail address in one of the
 * forms readers take: `addr`, `addr (Name)` or `Name <addr>`.
 */
export function rssEmailProblem(value: string): string | undefined {
  const text = value.trim();
  const match = /^(\S+)\s*\((.*)\)$/.exec(text) ?? /^.*<([^<>]+)>$/.exec(text);
  const address = match?.[1] ?? text;
  if (isEmailAddress(address)) return undefined;
  return `${JSON.stringify(shorten(text))} is not an e-mail address (write "name@example.com (Name)"; use dc:creator for a name alone)`;
}

const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const namedZones: Record<string, number> = {
  ut: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};
const rfc822 =
  /^(?:([A-Za-z]{3}),\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2}|\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([A-Za-z]{1,3}|[+-]\d{4})$/;

export interface DateCheck {
  error?: string;
  warning?: string;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** RFC 822 (as amended by RFC 1123) date-time, the form of RSS pubDate and lastBuildDate. */
export function checkRfc822Date(value: string): DateCheck {
  const text = value.trim();
  const match = rfc822.exec(text);
  const quoted = JSON.stringify(shorten(text));
  if (match === null) {
    return {
      error: `${quoted} is not an RFC 822 date-time; write it like "Wed, 02 Oct 2002 13:00:00 GMT"`,
    };
  }
  const [, weekday, dayText, monthText, yearText, hourText, minuteText, secondText, zone] = match;
  const month = months.indexOf((monthText ?? "").toLowerCase());
  if (month < 0)
    return { error: `${quoted}: "${monthText}" is not an English month abbreviation (Jan … Dec)` };
  let year = Number(yearText);
  if (yearText?.length === 2) year += year < 50 ? 2000 : 1900;
  const day = Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) {
    return { error: `${quoted}: ${monthText} ${year} has no day ${day}` };
  }
  if (Number(hourText) > 23 || Number(minuteText) > 59 || Number(secondText ?? 0) > 60) {
    return { error: `${quoted}: the time of day is out of range (00:00:00 to 23:59:60)` };
  }
  const zoneName = (zone ?? "").toLowerCase();
  const numericZone = /^[+-]\d{4}$/.test(zoneName);
  const military = /^[a-ik-z]$/.test(zoneName);
  if (!numericZone && !military && !Object.hasOwn(namedZones, zoneName)) {
    return {
      error: `${quoted}: "${zone}" is not a time zone RFC 822 knows; use GMT or a numeric offset such as +0000`,
    };
  }
  if (numericZone && Number(zoneName.slice(3, 5)) > 59) {
    return { error: `${quoted}: the zone offset's minutes are out of range` };
  }
  if (weekday !== undefined) {
    const index = weekdays.indexOf(weekday.toLowerCase());
    if (index < 0)
      return {
        error: `${quoted}: "${weekday}" is not an English weekday abbreviation (Mon … Sun)`,
      };
    const actual = new Date(Date.UTC(year, month, day)).getUTCDay();
    if (actual !== index) {
      return {
        error: `${quoted}: ${day} ${monthText} ${year} is a ${capitalise(weekdays[actual] ?? "")}, not a ${capitalise(weekday)}`,
      };
    }
  }
  if (yearText?.length === 2)
    return { warning: `${quoted} has a two-digit year; write all four digits` };
  if (military && zoneName !== "z") {
    return {
      warning: `${quoted} uses a military time zone letter, which RFC 1123 says is unreliable; use a numeric offset`,
    };
  }
  return {};
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/** RFC 3339 date-time (Atom dates, RFC 6721 `when`, JSON Feed dates): exact form, real day. */
export function rfc3339Problem(value: string): string | undefined {
  const match = rfc3339.exec(value);
  const quoted = JSON.stringify(shorten(value));
  if (match === null) {
    return `${quoted} is not an RFC 3339 date-time; write it like "2026-12-02T13:00:00Z" (uppercase T and Z, seconds and a zone)`;
  }
  const [, yearText, monthText, dayText, hour, minute, second, , , zoneHour, zoneMinute] = match;
  const year = Number(yearText);
  const month = Number(monthText) - 1;
  const day = Number(dayText);
  if (month < 0 || month > 11) return `${quoted}: there is no month ${monthText}`;
  if (day < 1 || day > daysInMonth(year, month))
    return `${quoted}: month ${monthText} of ${year} has no day ${day}`;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60)
    return `${quoted}: the time of day is out of range`;
  if (Number(zoneHour ?? 0) > 23 || Number(zoneMinute ?? 0) > 59)
    return `${quoted}: the zone offset is out of range`;
  return undefined;
}

/** W3C-DTF (dc:date): a year, year-month, date, or date-time with a zone. */
export function w3cdtfProblem(value: string): string | undefined {
  const text = value.trim();
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) {
    const [year, month, day] = text.split("-").map(Number);
    if (month !== undefined && (month < 1 || month > 12))
      return `${JSON.stringify(text)}: there is no month ${month}`;
    if (
      day !== undefined &&
      month !== undefined &&
      (day < 1 || day > daysInMonth(year ?? 0, month - 1))
    ) {
      return `${JSON.stringify(text)}: that month has no day ${day}`;
    }
    return undefined;
  }
  const withSeconds = /T\d{2}:\d{2}(Z|[+-])/.test(text)
    ? text.replace(/T(\d{2}:\d{2})/, "T$1:00")
    : text;
  return rfc3339Problem(withSeconds) === undefined
    ? undefined
    : `${JSON.stringify(shorten(text))} is not a W3C-DTF date (such as 2026-12-02 or 2026-12-02T13:00:00Z)`;
}

/** Why `value` is not a whole number at least `min` (0 or 1). */
export function integerProblem(value: string, min: number, max?: number): string | undefined {
  const text = value.trim();
  if (!/^\d+$/.test(text)) return `${JSON.stringify(shorten(text))} is not a whole number`;
  const number = Number(text);
  if (number < min) return min === 1 ? "is 0; it must be a positive number" : `is below ${min}`;
  if (max !== undefined && number > max) return `is ${number}; at most ${max} is allowed`;
  return undefined;
}

const mediaType =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"]*"|[A-Za-z0-9!#$&^_.+-]+))*$/;

/** Whether `value` is a media type such as audio/mpeg (parameters allowed). */
export function isMediaType(value: string): boolean {
  return mediaType.test(value.trim());
}

const languageTag = /^(?:[A-Za-z]{2,3}|[iIxX])(-[A-Za-z0-9]{1,8})*$/;

/** Whether `value` is a language tag (BCP 47 / RFC 1766 form: en, en-us, pt-BR). */
export function isLanguageTag(value: string): boolean {
  return languageTag.test(value.trim());
}

/** Whether `value` is base64 (RFC 4648; whitespace between groups allowed). */
export function isBase64(value: string): boolean {
  const compact = value.replace(/\s+/g, "");
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuid.test(value.trim());
}
