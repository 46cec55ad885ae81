// The Atom "deleted-entry" element (RFC 6721): at:deleted-entry with ref and when, optionally
// at:by (a person) and at:comment.
import { checkRfc3339, checkUriAttribute, requireAttributes } from "../element-checks.js";
import { keyOf, ns } from "../namespaces.js";
import type { ElementRule, Vocabulary } from "../vocabulary.js";

const deletedEntry = keyOf(ns.tombstones, "deleted-entry");

const deleted: ElementRule = {
  in: [keyOf(ns.atom, "feed"), "channel"],
  close(element, context) {
    if (!requireAttributes(element, context, ["ref", "when"])) return;
    checkUriAttribute(element, context, "ref", { absolute: true });
    checkRfc3339(
      element,
      context,
      element.attributes.get("when") ?? "",
      "<at:deleted-entry> attribute when",
    );
  },
};

export const tombstonesVocabulary: Vocabulary = {
  uri: ns.tombstones,
  title: "Atom Tombstones (RFC 6721)",
  elements: new Map<string, ElementRule>([
    [deletedEntry, deleted],
    [keyOf(ns.tombstones, "by"), { in: [deletedEntry] }],
    [keyOf(ns.tombstones, "comment"), { in: [deletedEntry] }],
  ]),
};
