// The one way wirefeed makes XML: xmlbuilder2, told never to emit a character XML 1.0 forbids.
// (Text is already cleaned where it enters; this is the second line of defence.)
import { create } from "xmlbuilder2";

export type XMLBuilder = ReturnType<typeof create>;

/** A new UTF-8 document whose text and attributes drop characters XML 1.0 forbids. */
export function createXmlDocument(): XMLBuilder {
  return create({ version: "1.0", encoding: "UTF-8", invalidCharReplacement: "" });
}

/** Serializes a document, indented, ending with a newline. */
export function serializeXml(document: XMLBuilder): string {
  return `${document.end({ prettyPrint: true, indent: "  " })}\n`;
}
