// Feed Paging and Archiving (RFC 5005): fh:complete and fh:archive, empty markers on the feed.
import { describeElement } from "../element-checks.js";
import { keyOf, ns } from "../namespaces.js";
import type { ElementRule, Vocabulary } from "../vocabulary.js";

const marker: ElementRule = {
  in: ["channel", keyOf(ns.atom, "feed")],
  close(element, context) {
    if (element.text.trim() !== "" || element.counts.size > 0) {
      context.report(
        "invalid-value",
        element,
        `${describeElement(element)} must be empty: it marks the whole feed (RFC 5005)`,
      );
    }
  },
};

export const feedHistoryVocabulary: Vocabulary = {
  uri: ns.fh,
  title: "Feed Paging and Archiving (RFC 5005)",
  elements: new Map([
    [keyOf(ns.fh, "complete"), marker],
    [keyOf(ns.fh, "archive"), marker],
  ]),
};
