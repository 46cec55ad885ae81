// RSS 2.0 as the RSS Advisory Board publishes it (rssboard.org/rss-specification, 2.0.11) with
// the Best Practices Profile's advice (rssboard.org/rss-profile) as warnings. Unqualified elements
// the spec does not define are errors; namespaced ones belong to the extensions.
import {
  atMostOnce,
  checkChoice,
  checkChoiceAttribute,
  checkEmailText,
  checkIntegerAttribute,
  checkIntegerText,
  checkMediaTypeAttribute,
  checkRfc822Text,
  checkUriAttribute,
  checkUriText,
  requireAttributes,
  requireChildren,
  text,
} from "./element-checks.js";
import { isLanguageTag, shorten, uriProblem } from "./values.js";
import type { CheckContext, ElementRule, Vocabulary } from "./vocabulary.js";
import { childOf, childrenOf, countOf, type XmlElement } from "./xml-tree.js";

const onceInChannel = [
  "title",
  "link",
  "description",
  "language",
  "copyright",
  "managingEditor",
  "webMaster",
  "pubDate",
  "lastBuildDate",
  "generator",
  "docs",
  "cloud",
  "ttl",
  "image",
  "rating",
  "textInput",
  "skipHours",
  "skipDays",
];
const onceInItem = [
  "title",
  "link",
  "description",
  "author",
  "comments",
  "guid",
  "pubDate",
  "source",
];
const days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const uriElement = (parents: readonly string[]): ElementRule => ({
  in: parents,
  close: (element, context) => checkUriText(element, context, { absolute: true }),
});

const rss: ElementRule = {
  in: [""],
  open(element, context) {
    const version = element.attributes.get("version");
    if (version === undefined) {
      context.report(
        "missing-attribute",
        element,
        '<rss> must have a version attribute (version="2.0")',
      );
    } else if (!["2.0", "0.91", "0.92"].includes(version.trim())) {
      context.report(
        "rss-version",
        element,
        `<rss> version is ${JSON.stringify(shorten(version))}; this validator checks RSS 2.0 (version="2.0")`,
      );
    }
  },
  close(element, context) {
    const channels = countOf(element, "channel");
    if (channels === 0)
      context.report("missing-element", element, "<rss> must contain a <channel> element");
    if (channels > 1)
      context.report(
        "duplicate-element",
        element,
        `<rss> contains ${channels} <channel> elements; it may contain one`,
      );
  },
};

const channel: ElementRule = {
  in: ["rss"],
  close(element, context) {
    requireChildren(element, context, ["title", "link", "description"]);
    atMostOnce(element, context, onceInChannel);
  },
};

const item: ElementRule = {
  in: ["channel"],
  close(element, context) {
    atMostOnce(element, context, onceInItem);
    const title = childOf(element, "title");
    const description = childOf(element, "description");
    if (
      (title === undefined || text(title) === "") &&
      (description === undefined || text(description) === "")
    ) {
      context.report(
        "rss-item-title-or-description",
        element,
        "<item> must have a <title> or a <description> that is not empty",
      );
    }
    const enclosures = countOf(element, "enclosure");
    if (enclosures > 1) {
      context.report(
        "rss-multiple-enclosures",
        element,
        `<item> has ${enclosures} <enclosure> elements; many readers take only the first, so give one per item`,
      );
    }
  },
};

const guid: ElementRule = {
  in: ["item"],
  close(element, context) {
    const value = text(element);
    if (value === "") {
      context.report(
        "empty-value",
        element,
        "<guid> is empty; give each item a unique identifier or leave it out",
      );
      return;
    }
    const permaLink = element.attributes.get("isPermaLink");
    checkChoice(element, context, permaLink, ["true", "false"], "<guid> attribute isPermaLink");
    if (permaLink === undefined || permaLink.trim() === "true") {
      const problem = uriProblem(value, { web: true });
      if (problem !== undefined) {
        const because =
          permaLink === undefined
            ? 'without isPermaLink="false" a guid is a permalink'
            : "isPermaLink is true";
        context.report(
          "rss-guid-not-permalink",
          element,
          `<guid> ${JSON.stringify(shorten(value))} is not a full http(s) URL, but ${because}; add isPermaLink="false" if it is only an identifier`,
        );
      }
    }
    if (!context.unique("guid", value)) {
      context.report(
        "duplicate-id",
        element,
        `<guid> ${JSON.stringify(shorten(value))} was already used by an earlier item; each item needs its own`,
      );
    }
  },
};

const enclosure: ElementRule = {
  in: ["item"],
  close(element, context) {
    if (!requireAttributes(element, context, ["url", "length", "type"])) return;
    checkUriAttribute(element, context, "url", { web: true });
    checkIntegerAttribute(element, context, "length", 0);
    checkMediaTypeAttribute(element, context, "type");
    const url = element.attributes.get("url") ?? "";
    const length = element.attributes.get("length");
    const type = element.attributes.get("type");
    context.localMedia.push({
      element: {
        line: element.line,
        column: element.column,
        path: element.path,
        uri: "",
        local: "enclosure",
      },
      url,
      ...(length === undefined ? {} : { length }),
      ...(type === undefined ? {} : { type }),
    });
  },
};

const source: ElementRule = {
  in: ["item"],
  close(element, context) {
    if (requireAttributes(element, context, ["url"]))
      checkUriAttribute(element, context, "url", { absolute: true });
  },
};

const category: ElementRule = {
  in: ["channel", "item"],
  close(element, context) {
    if (text(element) === "")
      context.report(
        "empty-value",
        element,
        "<category> is empty; name a category or leave it out",
      );
  },
};

const image: ElementRule = {
  in: ["channel"],
  close(element, context) {
    requireChildren(element, context, ["url", "title", "link"]);
    atMostOnce(element, context, ["url", "title", "link", "width", "height", "description"]);
  },
};

const imageDimension = (max: number): ElementRule => ({
  in: ["image"],
  close: (element, context) => checkIntegerText(element, context, 1, max),
});

const textInput: ElementRule = {
  in: ["channel"],
  close(element, context) {
    requireChildren(element, context, ["title", "description", "name", "link"]);
    atMostOnce(element, context, ["title", "description", "name", "link"]);
  },
};

const cloud: ElementRule = {
  in: ["channel"],
  close(element, context) {
    if (
      !requireAttributes(element, context, [
        "domain",
        "port",
        "path",
        "registerProcedure",
        "protocol",
      ])
    )
      return;
    checkIntegerAttribute(element, context, "port", 1);
    checkChoiceAttribute(element, context, "protocol", ["xml-rpc", "soap", "http-post"]);
  },
};

const skipHours: ElementRule = {
  in: ["channel"],
  close(element, context) {
    const seen = new Set<number>();
    for (const hour of childrenOf(element, "hour")) {
      const value = Number(text(hour));
      if (seen.has(value))
        context.report("duplicate-value", hour, `<hour> ${value} is listed twice in <skipHours>`);
      seen.add(value);
    }
  },
};

const skipDays: ElementRule = {
  in: ["channel"],
  close(element, context) {
    const seen = new Set<string>();
    for (const day of childrenOf(element, "day")) {
      const value = text(day);
      if (seen.has(value))
        context.report("duplicate-value", day, `<day> ${value} is listed twice in <skipDays>`);
      seen.add(value);
    }
  },
};

const hour: ElementRule = {
  in: ["skipHours"],
  close(element, context) {
    const value = text(element);
    if (value === "24") {
      context.report(
        "rss-hour-24",
        element,
        "<hour> is 24; the RSS 2.0 spec counts hours 0 to 23 (GMT), so write 0 for midnight",
      );
      return;
    }
    checkIntegerText(element, context, 0, 23);
  },
};

const day: ElementRule = {
  in: ["skipDays"],
  close: (element, context) => checkChoice(element, context, text(element), days, "<day>"),
};

const language: ElementRule = {
  in: ["channel"],
  close(element, context) {
    if (!isLanguageTag(text(element))) {
      context.report(
        "invalid-language",
        element,
        `<language> ${JSON.stringify(shorten(text(element)))} is not a language code such as en-us`,
      );
    }
  },
};

const ttl: ElementRule = {
  in: ["channel"],
  close: (element, context) => checkIntegerText(element, context, 1),
};
const date = (parents: readonly string[]): ElementRule => ({ in: parents, close: checkRfc822Text });
const person = (parents: readonly string[]): ElementRule => ({
  in: parents,
  close: checkEmailText,
});
const titleRule: ElementRule = {
  in: ["channel", "item", "image", "textInput"],
  close: warnHtmlTitle,
};

function warnHtmlTitle(element: XmlElement, context: CheckContext): void {
  if (element.parent?.key === "channel" && text(element) === "") {
    context.report(
      "empty-value",
      element,
      "<title> of the channel is empty; readers show nothing as its name",
    );
  }
}

const elements = new Map<string, ElementRule>([
  ["rss", rss],
  ["channel", channel],
  ["item", item],
  ["title", titleRule],
  ["link", uriElement(["channel", "item", "image", "textInput"])],
  ["description", { in: ["channel", "item", "image", "textInput"] }],
  ["language", language],
  ["copyright", { in: ["channel"] }],
  ["managingEditor", person(["channel"])],
  ["webMaster", person(["channel"])],
  ["pubDate", date(["channel", "item"])],
  ["lastBuildDate", date(["channel"])],
  ["category", category],
  ["generator", { in: ["channel"] }],
  ["docs", uriElement(["channel"])],
  ["cloud", cloud],
  ["ttl", ttl],
  ["image", image],
  ["url", uriElement(["image"])],
  ["width", imageDimension(144)],
  ["height", imageDimension(400)],
  ["rating", { in: ["channel"] }],
  ["textInput", textInput],
  ["name", { in: ["textInput"] }],
  ["skipHours", skipHours],
  ["hour", hour],
  ["skipDays", skipDays],
  ["day", day],
  ["author", person(["item"])],
  ["comments", uriElement(["item"])],
  ["enclosure", enclosure],
  ["guid", guid],
  ["source", source],
]);

export const rssVocabulary: Vocabulary = { uri: "", title: "RSS 2.0", elements };
