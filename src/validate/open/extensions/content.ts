// RSS 1.0 Content module (web.resource.org/rss/1.0/modules/content/): content:encoded, an item's
// full content as escaped HTML or CDATA.
import { ns } from "../namespaces.js";
import type { Vocabulary } from "../vocabulary.js";

export const contentVocabulary: Vocabulary = {
  uri: ns.content,
  title: "the Content module",
  elements: new Map([[`{${ns.content}}encoded`, { in: ["item", `{${ns.atom}}entry`] }]]),
};
