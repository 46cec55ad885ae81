// Dublin Core elements (dc:, DCMES 1.1): fifteen elements, any text; dc:date is a W3C-DTF date
// and dc:language a language tag, as the DCMI recommends and the RSS Profile uses them.
import { describeElement, text } from "../element-checks.js";
import { ns } from "../namespaces.js";
import { isLanguageTag, shorten, w3cdtfProblem } from "../values.js";
import type { ElementRule, Vocabulary } from "../vocabulary.js";

const names = [
  "title",
  "creator",
  "subject",
  "description",
  "publisher",
  "contributor",
  "type",
  "format",
  "identifier",
  "source",
  "relation",
  "coverage",
  "rights",
];

const date: ElementRule = {
  close(element, context) {
    const problem = w3cdtfProblem(element.text);
    if (problem !== undefined)
      context.report("invalid-rfc3339-date", element, `${describeElement(element)}: ${problem}`);
  },
};

const language: ElementRule = {
  close(element, context) {
    if (!isLanguageTag(text(element))) {
      context.report(
        "invalid-language",
        element,
        `${describeElement(element)} ${JSON.stringify(shorten(text(element)))} is not a language tag such as en-us`,
      );
    }
  },
};

export const dublinCoreVocabulary: Vocabulary = {
  uri: ns.dc,
  title: "Dublin Core",
  elements: new Map<string, ElementRule>([
    ...names.map((name): [string, ElementRule] => [`{${ns.dc}}${name}`, {}]),
    [`{${ns.dc}}date`, date],
    [`{${ns.dc}}language`, language],
  ]),
};
