// Media RSS 1.5.1 (rssboard.org/media-rss): media:content and media:group with their attributes,
// and the optional elements beside them. Values are checked where the spec gives them a form.
import {
  checkChoice,
  checkChoiceAttribute,
  checkDecimalAttribute,
  checkIntegerAttribute,
  checkMediaTypeAttribute,
  checkUriAttribute,
  requireAttributes,
} from "../element-checks.js";
import { keyOf, ns } from "../namespaces.js";
import { isLanguageTag, shorten } from "../values.js";
import type { CheckContext, ElementRule, Vocabulary } from "../vocabulary.js";
import type { XmlElement } from "../xml-tree.js";

const media = (local: string): string => keyOf(ns.media, local);

function textType(element: XmlElement, context: CheckContext): void {
  checkChoiceAttribute(element, context, "type", ["plain", "html"]);
}

const content: ElementRule = {
  close(element, context) {
    if (
      !element.attributes.has("url") &&
      element.children.every((child) => child.key !== media("player"))
    ) {
      context.report(
        "missing-attribute",
        element,
        "<media:content> must have a url attribute, or a <media:player> inside",
      );
    }
    checkUriAttribute(element, context, "url");
    checkIntegerAttribute(element, context, "fileSize", 0);
    checkMediaTypeAttribute(element, context, "type");
    checkChoiceAttribute(element, context, "medium", [
      "image",
      "audio",
      "video",
      "document",
      "executable",
    ]);
    checkChoiceAttribute(element, context, "isDefault", ["true", "false"]);
    checkChoiceAttribute(element, context, "expression", ["sample", "full", "nonstop"]);
    for (const name of ["bitrate", "framerate", "samplingrate", "duration"])
      checkDecimalAttribute(element, context, name);
    for (const name of ["height", "width"]) checkIntegerAttribute(element, context, name, 1);
    checkIntegerAttribute(element, context, "channels", 1);
    const lang = element.attributes.get("lang");
    if (lang !== undefined && !isLanguageTag(lang)) {
      context.report(
        "invalid-language",
        element,
        `<media:content> lang ${JSON.stringify(shorten(lang))} is not a language tag such as en`,
      );
    }
  },
};

const thumbnail: ElementRule = {
  close(element, context) {
    if (!requireAttributes(element, context, ["url"])) return;
    checkUriAttribute(element, context, "url", { absolute: true });
    for (const name of ["height", "width"]) checkIntegerAttribute(element, context, name, 1);
  },
};

const withUrl = (attribute: string): ElementRule => ({
  close(element, context) {
    if (requireAttributes(element, context, [attribute]))
      checkUriAttribute(element, context, attribute, { absolute: true });
  },
});

const hash: ElementRule = {
  close(element, context) {
    const algo = element.attributes.get("algo") ?? "md5";
    checkChoice(element, context, algo, ["md5", "sha-1"], "<media:hash> attribute algo");
    const digits = algo === "sha-1" ? 40 : 32;
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(element.text.trim())) {
      context.report(
        "invalid-value",
        element,
        `<media:hash> is not a ${algo} digest (${digits} hexadecimal digits)`,
      );
    }
  },
};

const restriction: ElementRule = {
  close(element, context) {
    if (!requireAttributes(element, context, ["relationship"])) return;
    checkChoiceAttribute(element, context, "relationship", ["allow", "deny"]);
    checkChoiceAttribute(element, context, "type", ["country", "uri", "sharing"]);
  },
};

const price: ElementRule = {
  close(element, context) {
    checkChoiceAttribute(element, context, "type", ["rent", "purchase", "package", "subscription"]);
    checkDecimalAttribute(element, context, "price");
  },
};

const status: ElementRule = {
  close: (element, context) =>
    checkChoiceAttribute(element, context, "state", ["active", "blocked", "deleted"]),
};

const typed: ElementRule = { close: textType };
const category: ElementRule = {
  close: (element, context) => checkUriAttribute(element, context, "scheme"),
};

const others = [
  "group",
  "rating",
  "keywords",
  "credit",
  "copyright",
  "community",
  "starRating",
  "statistics",
  "tags",
  "comments",
  "comment",
  "embed",
  "param",
  "responses",
  "response",
  "backLinks",
  "backLink",
  "license",
  "subTitle",
  "location",
  "rights",
  "scenes",
  "scene",
  "sceneTitle",
  "sceneDescription",
  "sceneStartTime",
  "sceneEndTime",
];

export const mediaRssVocabulary: Vocabulary = {
  uri: ns.media,
  title: "Media RSS",
  elements: new Map<string, ElementRule>([
    ...others.map((name): [string, ElementRule] => [media(name), {}]),
    [media("content"), content],
    [media("thumbnail"), thumbnail],
    [media("player"), withUrl("url")],
    [media("peerLink"), withUrl("href")],
    [media("hash"), hash],
    [media("restriction"), restriction],
    [media("price"), price],
    [media("status"), status],
    [media("title"), typed],
    [media("description"), typed],
    [media("text"), typed],
    [media("category"), category],
  ]),
};
