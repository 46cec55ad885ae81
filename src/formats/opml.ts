// OPML 2.0 subscription list (http://opml.org/spec2.opml, "Subscription lists"): one outline per
// feed, so a reader can subscribe to all of them at once.
import type { DateTime } from "luxon";
import { formatRfc822 } from "./dates.js";
import { addElement, addTextElement, createXmlDocument, serializeXml } from "./xml-document.js";

export const opmlMediaType = "text/x-opml; charset=utf-8";

export interface OpmlOutline {
  title: string;
  description: string;
  /** The RSS feed's URL. */
  xmlUrl: string;
  /** The page the feed describes. */
  htmlUrl: string;
}

export interface OpmlDocument {
  title: string;
  /** From the data, like feeds' dates. */
  dateModified: DateTime;
  ownerName: string;
  outlines: readonly OpmlOutline[];
}

export function renderOpml(document: OpmlDocument): string {
  const xml = createXmlDocument();
  const opml = addElement(xml, "opml", { version: "2.0" });
  const head = addElement(opml, "head");
  addTextElement(head, "title", document.title);
  addTextElement(head, "dateModified", formatRfc822(document.dateModified));
  addTextElement(head, "ownerName", document.ownerName);
  addTextElement(head, "docs", "http://opml.org/spec2.opml");
  const body = addElement(opml, "body");
  for (const outline of document.outlines) {
    addElement(body, "outline", {
      type: "rss",
      version: "RSS2",
      text: outline.title,
      title: outline.title,
      description: outline.description,
      xmlUrl: outline.xmlUrl,
      htmlUrl: outline.htmlUrl,
    });
  }
  return serializeXml(xml);
}
