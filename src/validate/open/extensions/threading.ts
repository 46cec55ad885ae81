// Atom Threading Extensions (RFC 4685): thr:in-reply-to and thr:total; the thr:count and
// thr:updated attributes of a replies link are checked with atom:link (../atom.ts).
import {
  checkIntegerText,
  checkMediaTypeAttribute,
  checkUriAttribute,
  requireAttributes,
} from "../element-checks.js";
import { keyOf, ns } from "../namespaces.js";
import type { ElementRule, Vocabulary } from "../vocabulary.js";

const entries = [keyOf(ns.atom, "entry"), "item"];

const inReplyTo: ElementRule = {
  in: entries,
  close(element, context) {
    if (!requireAttributes(element, context, ["ref"])) return;
    checkUriAttribute(element, context, "ref", { absolute: true });
    checkUriAttribute(element, context, "href");
    checkUriAttribute(element, context, "source");
    checkMediaTypeAttribute(element, context, "type");
  },
};

export const threadingVocabulary: Vocabulary = {
  uri: ns.thr,
  title: "Atom Threading (RFC 4685)",
  elements: new Map<string, ElementRule>([
    [keyOf(ns.thr, "in-reply-to"), inReplyTo],
    [
      keyOf(ns.thr, "total"),
      { in: entries, close: (element, context) => checkIntegerText(element, context, 0) },
    ],
  ]),
};
