// RFC 3339 date-times as RFC 4287 §3.3 and JSON Feed 1.1 require them: a full date and time with
// an explicit offset, "T" and "Z" in upper case. The schemas check the calendar (xsd:dateTime,
// ajv's date-time format) but accept a missing offset (xsd) or lower case (ajv).

const rfc3339DateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isRfc3339DateTime(text: string): boolean {
  return rfc3339DateTime.test(text);
}
