// Apple Podcasts' itunes: tags (podcasters.apple.com/support/823-podcast-requirements): their
// values (explicit, type, episodeType, episode and season numbers, durations, categories from
// Apple's list, artwork as .jpg or .png) and where they go. Which tags a podcast must have is
// the podcast directories' concern (../podcast-directories.ts).
import { appleCategoryProblem } from "../../../site/apple-categories.js";
import {
  checkChoice,
  checkIntegerText,
  checkUriAttribute,
  checkUriText,
  describeElement,
  requireAttributes,
  text,
} from "../element-checks.js";
import { keyOf, ns } from "../namespaces.js";
import { isEmailAddress, shorten } from "../values.js";
import type { CheckContext, ElementRule, Vocabulary } from "../vocabulary.js";
import { childrenOf, type XmlElement } from "../xml-tree.js";

const itunes = (local: string): string => keyOf(ns.itunes, local);
const channelOnly = ["channel"];
const channelOrItem = ["channel", "item"];

function markPodcast(_element: XmlElement, context: CheckContext): void {
  context.podcast = true;
}

const explicit: ElementRule = {
  in: channelOrItem,
  open: markPodcast,
  close(element, context) {
    const value = text(element).toLowerCase();
    if (value === "true" || value === "false") return;
    if (["yes", "no", "clean", "explicit"].includes(value)) {
      context.report(
        "itunes-explicit-legacy",
        element,
        `<itunes:explicit> is "${text(element)}"; Apple now takes true or false`,
      );
      return;
    }
    context.report(
      "invalid-value",
      element,
      `<itunes:explicit> is ${JSON.stringify(shorten(text(element)))}; expected true or false`,
    );
  },
};

const image: ElementRule = {
  in: channelOrItem,
  open: markPodcast,
  close(element, context) {
    if (!requireAttributes(element, context, ["href"])) return;
    checkUriAttribute(element, context, "href", { web: true });
    const href = element.attributes.get("href") ?? "";
    const pathname = href.replace(/[?#].*$/, "");
    if (!/\.(jpe?g|png)$/i.test(pathname)) {
      context.report(
        "itunes-image-type",
        element,
        `<itunes:image> href ${JSON.stringify(shorten(href))} does not end in .jpg or .png; Apple takes JPEG or PNG artwork only`,
      );
      return;
    }
    if (element.parent?.key === "channel") context.artwork = { place: element, url: href };
  },
};

const category: ElementRule = {
  in: ["channel", itunes("category")],
  open: markPodcast,
  close(element, context) {
    if (element.parent?.key === itunes("category")) return;
    if (!requireAttributes(element, context, ["text"])) return;
    const name = element.attributes.get("text") ?? "";
    const problem = appleCategoryProblem(name);
    if (problem !== undefined) {
      context.report("itunes-category", element, `<itunes:category> ${problem}`);
      return;
    }
    for (const sub of childrenOf(element, itunes("category"))) {
      const subName = sub.attributes.get("text");
      if (subName === undefined) {
        context.report("missing-attribute", sub, "<itunes:category> must have a text attribute");
        continue;
      }
      const subProblem = appleCategoryProblem(name, subName);
      if (subProblem !== undefined)
        context.report("itunes-category", sub, `<itunes:category> ${subProblem}`);
    }
  },
};

const duration: ElementRule = {
  in: ["item"],
  close(element, context) {
    const value = text(element);
    const clock = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)$/.exec(value);
    if (/^\d+$/.test(value) || clock !== null) return;
    context.report(
      "itunes-duration",
      element,
      `<itunes:duration> ${JSON.stringify(shorten(value))} is not a duration; give whole seconds (such as 1830) or HH:MM:SS`,
    );
  },
};

const owner: ElementRule = {
  in: channelOnly,
  open: markPodcast,
  close(element, context) {
    const email = childrenOf(element, itunes("email"))[0];
    if (email === undefined) {
      context.report(
        "missing-element",
        element,
        "<itunes:owner> must contain an <itunes:email>, where Apple writes to the owner",
      );
    }
  },
};

const email: ElementRule = {
  in: [itunes("owner")],
  close(element, context) {
    if (!isEmailAddress(text(element))) {
      context.report(
        "invalid-email",
        element,
        `<itunes:email> ${JSON.stringify(shorten(text(element)))} is not an e-mail address`,
      );
    }
  },
};

const choice = (parents: readonly string[], allowed: readonly string[]): ElementRule => ({
  in: parents,
  open: markPodcast,
  close: (element, context) =>
    checkChoice(element, context, text(element), allowed, describeElement(element)),
});

const positive: ElementRule = {
  in: ["item"],
  close: (element, context) => checkIntegerText(element, context, 1),
};
const plain = (parents: readonly string[]): ElementRule => ({ in: parents, open: markPodcast });

export const itunesVocabulary: Vocabulary = {
  uri: ns.itunes,
  title: "Apple's podcast tags (itunes:)",
  elements: new Map<string, ElementRule>([
    [itunes("explicit"), explicit],
    [itunes("image"), image],
    [itunes("category"), category],
    [itunes("duration"), duration],
    [itunes("owner"), owner],
    [itunes("name"), { in: [itunes("owner")] }],
    [itunes("email"), email],
    [itunes("type"), choice(channelOnly, ["episodic", "serial"])],
    [itunes("episodeType"), choice(["item"], ["full", "trailer", "bonus"])],
    [itunes("block"), choice(channelOrItem, ["Yes", "yes", "No", "no"])],
    [itunes("complete"), choice(channelOnly, ["Yes", "yes", "No", "no"])],
    [itunes("isClosedCaptioned"), choice(["item"], ["Yes", "yes", "No", "no"])],
    [itunes("episode"), positive],
    [itunes("season"), positive],
    [itunes("order"), positive],
    [
      itunes("new-feed-url"),
      {
        in: channelOnly,
        close: (element, context) => checkUriText(element, context, { web: true }),
      },
    ],
    [itunes("author"), plain(channelOrItem)],
    [itunes("title"), plain(channelOrItem)],
    [itunes("summary"), plain(channelOrItem)],
    [itunes("subtitle"), plain(channelOrItem)],
    [itunes("keywords"), plain(channelOrItem)],
    [itunes("applepodcastsverify"), plain(channelOnly)],
  ]),
};
