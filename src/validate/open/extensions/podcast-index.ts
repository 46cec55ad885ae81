// Podcast Index's podcast: namespace 1.0 (podcastindex.org/namespace/1.0): each tag's required
// attributes, URLs, numbers and listed values; podcast:guid a UUID (version 5 as the spec asks).
import {
  checkChoice,
  checkChoiceAttribute,
  checkDecimalAttribute,
  checkIntegerAttribute,
  checkIntegerText,
  checkMediaTypeAttribute,
  checkRfc3339,
  checkUriAttribute,
  describeElement,
  requireAttributes,
  text,
} from "../element-checks.js";
import { keyOf, ns } from "../namespaces.js";
import { checkRfc822Date, isUuid, shorten } from "../values.js";
import type { CheckContext, ElementRule, Vocabulary } from "../vocabulary.js";
import type { XmlElement } from "../xml-tree.js";

const podcast = (local: string): string => keyOf(ns.podcast, local);
const channel = ["channel"];
const item = ["item"];
const channelOrItem = ["channel", "item", podcast("liveItem")];

interface TagSpec {
  in?: readonly string[];
  required?: readonly string[];
  urls?: readonly string[];
  types?: readonly string[];
  integers?: readonly string[];
  decimals?: readonly string[];
  choices?: Readonly<Record<string, readonly string[]>>;
  check?(element: XmlElement, context: CheckContext): void;
}

function tag(spec: TagSpec): ElementRule {
  return {
    ...(spec.in === undefined ? {} : { in: spec.in }),
    open(_element, context) {
      context.podcast = true;
    },
    close(element, context) {
      if (spec.required !== undefined && !requireAttributes(element, context, spec.required))
        return;
      for (const name of spec.urls ?? [])
        checkUriAttribute(element, context, name, { absolute: true });
      for (const name of spec.types ?? []) checkMediaTypeAttribute(element, context, name);
      for (const name of spec.integers ?? []) checkIntegerAttribute(element, context, name, 0);
      for (const name of spec.decimals ?? []) checkDecimalAttribute(element, context, name);
      for (const [name, allowed] of Object.entries(spec.choices ?? {})) {
        checkChoiceAttribute(element, context, name, allowed);
      }
      spec.check?.(element, context);
    },
  };
}

const media = [
  "podcast",
  "music",
  "video",
  "film",
  "audiobook",
  "newsletter",
  "blog",
  "publisher",
  "course",
];
const mediaValues = [...media, ...media.map((medium) => `${medium}L`), "mixed"];

function guid(element: XmlElement, context: CheckContext): void {
  const value = text(element);
  if (!isUuid(value)) {
    context.report(
      "invalid-uuid",
      element,
      `<podcast:guid> ${JSON.stringify(shorten(value))} is not a UUID; Podcast Index asks for the version 5 UUID of the feed URL`,
    );
  } else if (value.charAt(14) !== "5") {
    context.report(
      "invalid-uuid",
      element,
      `<podcast:guid> ${value} is a version ${value.charAt(14)} UUID; Podcast Index asks for version 5 (from the feed URL)`,
    );
  }
}

function yesNo(element: XmlElement, context: CheckContext): void {
  checkChoice(element, context, text(element), ["yes", "no"], describeElement(element));
}

function integerText(element: XmlElement, context: CheckContext): void {
  checkIntegerText(element, context, 0);
}

function decimalText(element: XmlElement, context: CheckContext): void {
  if (!/^\d+(\.\d+)?$/.test(text(element))) {
    context.report(
      "invalid-number",
      element,
      `${describeElement(element)} ${JSON.stringify(shorten(text(element)))} is not a number`,
    );
  }
}

function rfc822Attribute(name: string) {
  return (element: XmlElement, context: CheckContext): void => {
    const value = element.attributes.get(name);
    if (value === undefined) return;
    const result = checkRfc822Date(value);
    if (result.error !== undefined)
      context.report(
        "invalid-rfc822-date",
        element,
        `${describeElement(element)} attribute ${name}: ${result.error}`,
      );
  };
}

function liveItemDates(element: XmlElement, context: CheckContext): void {
  for (const name of ["start", "end"]) {
    const value = element.attributes.get(name);
    if (value !== undefined)
      checkRfc3339(element, context, value, `<podcast:liveItem> attribute ${name}`);
  }
}

function split(element: XmlElement, context: CheckContext): void {
  const value = element.attributes.get("split") ?? "";
  if (!/^\d+$/.test(value.trim())) {
    context.report(
      "podcast-value-split",
      element,
      `<podcast:valueRecipient> split ${JSON.stringify(shorten(value))} is not a whole number (a share of the payments)`,
    );
  }
}

const elements = new Map<string, ElementRule>([
  [podcast("guid"), tag({ in: channel, check: guid })],
  [podcast("locked"), tag({ in: channel, check: yesNo })],
  [
    podcast("transcript"),
    tag({ in: item, required: ["url", "type"], urls: ["url"], types: ["type"] }),
  ],
  [
    podcast("chapters"),
    tag({ in: item, required: ["url", "type"], urls: ["url"], types: ["type"] }),
  ],
  [podcast("funding"), tag({ in: channel, required: ["url"], urls: ["url"] })],
  [
    podcast("soundbite"),
    tag({ in: item, required: ["startTime", "duration"], decimals: ["startTime", "duration"] }),
  ],
  [podcast("person"), tag({ in: channelOrItem, urls: ["img", "href"] })],
  [podcast("location"), tag({ in: channelOrItem })],
  [podcast("season"), tag({ in: item, check: integerText })],
  [podcast("episode"), tag({ in: item, check: decimalText })],
  [
    podcast("trailer"),
    tag({
      in: channel,
      required: ["url", "pubdate"],
      urls: ["url"],
      types: ["type"],
      integers: ["length", "season"],
      check: rfc822Attribute("pubdate"),
    }),
  ],
  [podcast("license"), tag({ in: channelOrItem, urls: ["url"] })],
  [
    podcast("alternateEnclosure"),
    tag({
      in: item,
      required: ["type"],
      types: ["type"],
      integers: ["length", "height"],
      decimals: ["bitrate"],
      choices: { default: ["true", "false"] },
    }),
  ],
  [
    podcast("source"),
    tag({
      in: [podcast("alternateEnclosure")],
      required: ["uri"],
      urls: ["uri"],
      types: ["contentType"],
    }),
  ],
  [
    podcast("integrity"),
    tag({
      in: [podcast("alternateEnclosure")],
      required: ["type", "value"],
      choices: { type: ["sri", "pgp-signature"] },
    }),
  ],
  [podcast("value"), tag({ in: channelOrItem, required: ["type", "method"] })],
  [
    podcast("valueRecipient"),
    tag({
      in: [podcast("value"), podcast("valueTimeSplit")],
      required: ["type", "address", "split"],
      check: split,
    }),
  ],
  [
    podcast("valueTimeSplit"),
    tag({
      in: [podcast("value")],
      required: ["startTime", "duration"],
      decimals: ["startTime", "duration", "remoteStartTime"],
      integers: ["remotePercentage"],
    }),
  ],
  [
    podcast("remoteItem"),
    tag({
      in: ["channel", "item", podcast("podroll"), podcast("valueTimeSplit"), podcast("publisher")],
      required: ["feedGuid"],
      urls: ["feedUrl"],
    }),
  ],
  [
    podcast("medium"),
    tag({
      in: channel,
      check: (element, context) =>
        checkChoice(element, context, text(element), mediaValues, "<podcast:medium>"),
    }),
  ],
  [podcast("images"), tag({ in: channelOrItem, required: ["srcset"] })],
  [
    podcast("liveItem"),
    tag({
      in: channel,
      required: ["status", "start"],
      choices: { status: ["pending", "live", "ended"] },
      check: liveItemDates,
    }),
  ],
  [
    podcast("contentLink"),
    tag({ in: [podcast("liveItem"), "item"], required: ["href"], urls: ["href"] }),
  ],
  [
    podcast("socialInteract"),
    tag({ in: item, required: ["protocol"], urls: ["uri"], integers: ["priority"] }),
  ],
  [podcast("block"), tag({ in: channel, check: yesNo })],
  [podcast("txt"), tag({ in: channelOrItem })],
  [podcast("podroll"), tag({ in: channel })],
  [podcast("updateFrequency"), tag({ in: channel, choices: { complete: ["true", "false"] } })],
  [podcast("podping"), tag({ in: channel, choices: { usesPodping: ["true", "false"] } })],
  [podcast("chat"), tag({ in: channelOrItem, required: ["server", "protocol"] })],
  [podcast("publisher"), tag({ in: channel })],
]);

export const podcastIndexVocabulary: Vocabulary = {
  uri: ns.podcast,
  title: "the Podcast Index namespace",
  elements,
};
