// Atom 1.0 (RFC 4287): feed and entry documents, text and person constructs, the prose rules the
// RELAX NG grammar cannot state (§4.1.1 author and alternate rules, §4.1.3 content), and the
// atom:link that RSS feeds borrow. Markup inside xhtml content (MathML, SVG too) is not checked.
import {
  atMostOnce,
  checkChoice,
  checkIntegerAttribute,
  checkMediaTypeAttribute,
  checkRfc3339,
  checkUriAttribute,
  checkUriText,
  describeElement,
  requireAttributes,
  requireChildren,
  text,
} from "./element-checks.js";
import { keyOf, ns } from "./namespaces.js";
import { isBase64, isEmailAddress, isLanguageTag, isMediaType, shorten } from "./values.js";
import type { CheckContext, ElementRule, Vocabulary } from "./vocabulary.js";
import { childOf, childrenOf, countOf, type XmlElement } from "./xml-tree.js";

const atom = (local: string): string => keyOf(ns.atom, local);
const feed = atom("feed");
const entry = atom("entry");
const source = atom("source");
const author = atom("author");
const link = atom("link");
const xhtmlDiv = keyOf(ns.xhtml, "div");
/** The elements that hold a person's name, uri and email (RFC 6721's at:by is one). */
const people = [author, atom("contributor"), keyOf(ns.tombstones, "by")];

const textTypes = ["text", "html", "xhtml"];

function isXmlMediaType(type: string): boolean {
  return /[+/]xml(\s*;|$)/i.test(type.trim());
}

/** The parts a text construct (§3.1) and atom:content (§4.1.3) share: the type and its content. */
function checkTypedText(
  element: XmlElement,
  context: CheckContext,
  allowMediaTypes: boolean,
): void {
  const type = element.attributes.get("type")?.trim() ?? "text";
  if (!textTypes.includes(type)) {
    if (!allowMediaTypes) {
      checkChoice(element, context, type, textTypes, `${describeElement(element)} attribute type`);
      return;
    }
    if (!isMediaType(type)) {
      context.report(
        "invalid-media-type",
        element,
        `${describeElement(element)} type ${JSON.stringify(shorten(type))} is neither text, html, xhtml nor a media type`,
      );
      return;
    }
    if (
      !isXmlMediaType(type) &&
      !/^text\//i.test(type) &&
      element.attributes.get("src") === undefined
    ) {
      if (element.counts.size > 0 || !isBase64(element.text)) {
        context.report(
          "invalid-base64",
          element,
          `${describeElement(element)} has type ${type}, so its content must be base64`,
        );
      }
    }
    return;
  }
  if (type === "xhtml") {
    const divs = countOf(element, xhtmlDiv);
    if (divs !== 1 || element.counts.size !== 1 || element.mixed) {
      context.report(
        "atom-xhtml-div",
        element,
        `${describeElement(element)} has type="xhtml", so it must hold exactly one <div xmlns="http://www.w3.org/1999/xhtml"> and nothing beside it`,
      );
    }
    return;
  }
  if (element.counts.size > 0) {
    context.report(
      "atom-text-markup",
      element,
      `${describeElement(element)} has type="${type}" but contains elements; escape the markup, or use type="xhtml" with one xhtml:div`,
    );
  }
}

const textConstruct: ElementRule = {
  in: [feed, entry, source],
  open(element) {
    element.opaque = true;
  },
  close: (element, context) => checkTypedText(element, context, false),
};

const content: ElementRule = {
  in: [entry],
  open(element) {
    element.opaque = true;
  },
  close(element, context) {
    checkTypedText(element, context, true);
    checkUriAttribute(element, context, "src");
    if (element.attributes.has("src") && (text(element) !== "" || element.counts.size > 0)) {
      context.report(
        "atom-content-src-not-empty",
        element,
        "<content> has a src attribute, so it must be empty: the content is at that address",
      );
    }
  },
};

function checkEntry(element: XmlElement, context: CheckContext): void {
  requireChildren(element, context, [atom("id"), atom("title"), atom("updated")]);
  atMostOnce(element, context, [
    atom("content"),
    atom("published"),
    atom("rights"),
    atom("source"),
    atom("summary"),
    atom("id"),
    atom("title"),
    atom("updated"),
  ]);
  const links = childrenOf(element, link);
  checkAlternates(element, context, links);
  const contentElement = childOf(element, atom("content"));
  const hasAlternate = links.some(
    (each) => (each.attributes.get("rel") ?? "alternate").trim() === "alternate",
  );
  if (contentElement === undefined && !hasAlternate) {
    context.report(
      "atom-missing-alternate",
      element,
      '<entry> has no <content>, so it must have a <link rel="alternate"> to where the content is',
    );
  }
  if (contentElement !== undefined && countOf(element, atom("summary")) === 0) {
    const type = contentElement.attributes.get("type")?.trim() ?? "text";
    const opaqueMedia =
      !textTypes.includes(type) &&
      isMediaType(type) &&
      !isXmlMediaType(type) &&
      !/^text\//i.test(type);
    if (contentElement.attributes.has("src") || opaqueMedia) {
      context.report(
        "atom-missing-summary",
        element,
        `<entry> must have a <summary>: its content ${contentElement.attributes.has("src") ? "is given by src" : `is ${type}`}, which readers cannot show as text`,
      );
    }
  }
  const hasAuthor = countOf(element, author) > 0 || element.marks.has("source has author");
  if (context.root === "atom-entry") {
    if (!hasAuthor)
      context.report(
        "atom-missing-author",
        element,
        "<entry> must have an <author>: an Atom Entry Document has no feed to inherit one from",
      );
  } else if (!hasAuthor) {
    context.count("entries without author");
    if (context.fact("entries without author") === 1)
      context.firstPlaces.set("entry without author", element);
  }
  const id = childOf(element, atom("id"));
  if (id !== undefined && text(id) !== "" && !context.unique("atom id", text(id))) {
    context.report(
      "duplicate-id",
      id,
      `<id> ${JSON.stringify(shorten(text(id)))} was already used by an earlier entry; each entry needs its own`,
    );
  }
}

function checkAlternates(
  element: XmlElement,
  context: CheckContext,
  links: readonly XmlElement[],
): void {
  const seen = new Set<string>();
  for (const each of links) {
    if ((each.attributes.get("rel") ?? "alternate").trim() !== "alternate") continue;
    const key = `${each.attributes.get("type") ?? ""} ${each.attributes.get("hreflang") ?? ""}`;
    if (seen.has(key)) {
      context.report(
        "atom-duplicate-alternate",
        each,
        `${describeElement(element)} has two <link rel="alternate"> with the same type and hreflang; give each a different one`,
      );
    }
    seen.add(key);
  }
}

const feedRule: ElementRule = {
  in: [""],
  close(element, context) {
    requireChildren(element, context, [atom("id"), atom("title"), atom("updated")]);
    atMostOnce(element, context, [
      atom("generator"),
      atom("icon"),
      atom("logo"),
      atom("rights"),
      atom("subtitle"),
      atom("id"),
      atom("title"),
      atom("updated"),
    ]);
    checkAlternates(element, context, childrenOf(element, link));
    const missing = context.fact("entries without author");
    const first = context.firstPlaces.get("entry without author");
    if (countOf(element, author) === 0 && missing > 0 && first !== undefined) {
      const others = missing > 1 ? ` (nor do ${missing - 1} more entries)` : "";
      context.report(
        "atom-missing-author",
        first,
        `<entry> has no <author>, and neither has the <feed>${others}; give the feed an <author> or each entry one`,
      );
    }
  },
};

const person: ElementRule = {
  in: [feed, entry, source, "channel", "item"],
  close(element, context) {
    requireChildren(element, context, [atom("name")]);
    atMostOnce(element, context, [atom("name"), atom("uri"), atom("email")]);
  },
};

const email: ElementRule = {
  in: people,
  close(element, context) {
    if (!isEmailAddress(text(element))) {
      context.report(
        "invalid-email",
        element,
        `<email> ${JSON.stringify(shorten(text(element)))} is not an e-mail address (name@example.com)`,
      );
    }
  },
};

const date: ElementRule = {
  in: [feed, entry, source, "channel", "item"],
  close: (element, context) =>
    checkRfc3339(element, context, text(element), describeElement(element)),
};

const linkRule: ElementRule = {
  in: [feed, entry, source, "channel", "item"],
  close(element, context) {
    if (!requireAttributes(element, context, ["href"])) return;
    checkUriAttribute(element, context, "href");
    checkMediaTypeAttribute(element, context, "type");
    checkIntegerAttribute(element, context, "length", 0);
    const hreflang = element.attributes.get("hreflang");
    if (hreflang !== undefined && !isLanguageTag(hreflang)) {
      context.report(
        "invalid-language",
        element,
        `<link> hreflang ${JSON.stringify(shorten(hreflang))} is not a language tag such as en-us`,
      );
    }
    const rel = element.attributes.get("rel");
    if (rel !== undefined && rel.trim() === "") {
      context.report("empty-value", element, "<link> rel is empty; leave it out for alternate");
    }
    // RFC 4685 §5: a replies link may say how many replies there are and when they last changed.
    checkIntegerAttribute(element, context, keyOf(ns.thr, "count"), 0);
    const repliesUpdated = element.attributes.get(keyOf(ns.thr, "updated"));
    if (repliesUpdated !== undefined) {
      checkRfc3339(element, context, repliesUpdated, "<link> attribute thr:updated");
    }
  },
};

const category: ElementRule = {
  in: [feed, entry, source],
  close(element, context) {
    if (requireAttributes(element, context, ["term"]))
      checkUriAttribute(element, context, "scheme");
  },
};

const sourceRule: ElementRule = {
  in: [entry],
  close(element) {
    if (countOf(element, author) > 0) element.parent?.marks.add("source has author");
  },
};

const uriText = (parents: readonly string[], absolute: boolean): ElementRule => ({
  in: parents,
  close: (element, context) => checkUriText(element, context, { absolute }),
});

const elements = new Map<string, ElementRule>([
  [feed, feedRule],
  [entry, { in: [feed, ""], close: checkEntry }],
  [source, sourceRule],
  [atom("id"), uriText([feed, entry, source], true)],
  [atom("title"), textConstruct],
  [atom("subtitle"), { ...textConstruct, in: [feed, source] }],
  [atom("rights"), textConstruct],
  [atom("summary"), { ...textConstruct, in: [entry] }],
  [atom("content"), content],
  [atom("updated"), date],
  [atom("published"), { ...date, in: [entry, "item"] }],
  [author, person],
  [atom("contributor"), person],
  [atom("name"), { in: people }],
  [atom("uri"), uriText(people, false)],
  [atom("email"), email],
  [link, linkRule],
  [atom("category"), category],
  [
    atom("generator"),
    { in: [feed, source], close: (element, context) => checkUriAttribute(element, context, "uri") },
  ],
  [atom("icon"), uriText([feed, source], false)],
  [atom("logo"), uriText([feed, source], false)],
]);

export const atomVocabulary: Vocabulary = { uri: ns.atom, title: "Atom 1.0", elements };
