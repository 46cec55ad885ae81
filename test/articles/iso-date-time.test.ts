// Front matter dates are read by a direct reader for the common form and by luxon for every other:
// whatever the form, the DateTime must be the one luxon's own ISO reader gives (same instant, same
// offset, same zone, same text), or invalid where luxon's is.
import { fc, test } from "@fast-check/vitest";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { readIsoDateTime } from "../../src/articles/iso-date-time.js";

/** What a DateTime says, for comparing two of them. */
function facts(date: DateTime) {
  return date.isValid
    ? {
        valid: true,
        millis: date.toMillis(),
        offset: date.offset,
        zone: date.zoneName,
        zoneType: date.zone.type,
        iso: date.toISO(),
        fields: date.toObject(),
      }
    : { valid: false };
}

function expectSameAsLuxon(text: string) {
  const ours = readIsoDateTime(text);
  const luxon = DateTime.fromISO(text, { setZone: true });
  expect(facts(ours), text).toEqual(facts(luxon));
  if (ours.isValid) expect(ours.equals(luxon), text).toBe(true);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

describe("readIsoDateTime", () => {
  it("reads the forms front matter uses as luxon does", () => {
    for (const text of [
      "2026-01-17T08:00:00Z",
      "2014-10-20T12:00:00+04:00",
      "2014-10-20T12:00:00-03:30",
      "2014-10-20T12:00:00+00:00",
      "2014-10-20T12:00:00-00:00",
      "2014-10-20T12:00:00-00:30",
      "2014-10-20T12:00+05:45",
      "2026-03-01T23:59:59.999Z",
      "2026-03-01T23:59:59.5Z",
      "2026-03-01T23:59:59.123456789+01:00",
      "2026-03-01T10:00:00.29Z",
      "2024-02-29T12:00:00Z",
      "2000-01-01T00:00:00+14:00",
      "1999-12-31T23:00:00-12:00",
    ])
      expectSameAsLuxon(text);
  });

  it("leaves odd forms to luxon, which reads them as it always did", () => {
    for (const text of [
      // Date only, and no offset: in the process's zone.
      "2026-01-17",
      "2026-01-17T08:00:00",
      // Offsets without a colon or minutes, a comma fraction, lower-case letters.
      "2026-01-17T08:00:00+0200",
      "2026-01-17T08:00:00+02",
      "2026-01-17T08:00:00,5Z",
      "2026-01-17t08:00:00z",
      // Basic format, week and ordinal dates.
      "20260117T080000Z",
      "2026-W03-6T08:00:00Z",
      "2026-017T08:00:00Z",
      // Hour 24, years before 1000, six-digit years.
      "2026-01-17T24:00:00Z",
      "0099-01-17T08:00:00Z",
      "+012026-01-17T08:00:00Z",
      // Offsets past the usual range.
      "2026-01-17T08:00:00+24:00",
      "2026-01-17T08:00:00+05:60",
    ])
      expectSameAsLuxon(text);
  });

  it("gives an invalid date where luxon does", () => {
    for (const text of [
      "2026-02-29T08:00:00Z",
      "2026-13-01T08:00:00Z",
      "2026-00-10T08:00:00Z",
      "2026-04-31T08:00:00Z",
      "2026-01-17T08:60:00Z",
      "2026-01-17T08:00:60Z",
      "2026-01-17T25:00:00Z",
      "yesterday",
      "",
    ])
      expectSameAsLuxon(text);
  });

  const offset = fc.oneof(
    fc.constantFrom("Z", "z", "+00:00", "-00:00"),
    fc
      .tuple(
        fc.constantFrom("+", "-"),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
      )
      .chain(([sign, hours, minutes]) =>
        fc.constantFrom(
          `${sign}${pad(hours)}:${pad(minutes)}`,
          `${sign}${pad(hours)}${pad(minutes)}`,
          `${sign}${pad(hours)}`,
        ),
      ),
    fc.constant(""),
  );
  const dateText = fc
    .record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 60 }),
      second: fc.option(fc.integer({ min: 0, max: 61 })),
      fraction: fc.option(fc.stringMatching(/^\d{1,12}$/)),
      separator: fc.constantFrom("T", "T", "T", "t", " "),
      offset,
    })
    .map(
      ({ year, month, day, hour, minute, second, fraction, separator, offset }) =>
        `${pad(year, 4)}-${pad(month)}-${pad(day)}${separator}${pad(hour)}:${pad(minute)}${
          second === null ? "" : `:${pad(second)}${fraction === null ? "" : `.${fraction}`}`
        }${offset}`,
    );

  test.prop([dateText], { numRuns: 3000 })("any date-time text reads as luxon reads it", (text) =>
    expectSameAsLuxon(text),
  );
});
