// Checks every vocabulary uses: a child that is required or may appear once, an attribute that is
// required, and the value forms of values.ts applied to an element's text or an attribute.
import { nameOfKey } from "./namespaces.js";
import type { RuleId } from "./rules.js";
import {
  checkRfc822Date,
  integerProblem,
  isMediaType,
  rfc3339Problem,
  rssEmailProblem,
  shorten,
  type UriOptions,
  uriProblem,
} from "./values.js";
import type { CheckContext } from "./vocabulary.js";
import { countOf, type XmlElement } from "./xml-tree.js";

export function describeElement(element: XmlElement): string {
  return `<${element.name}>`;
}

/** Each key in `keys` must appear exactly once among the children. */
export function requireChildren(
  element: XmlElement,
  context: CheckContext,
  keys: readonly string[],
): void {
  for (const key of keys) {
    if (countOf(element, key) === 0) {
      context.report(
        "missing-element",
        element,
        `${describeElement(element)} must contain a <${nameOfKey(key)}> element`,
      );
    }
  }
}

/** Each key in `keys` may appear at most once among the children. */
export function atMostOnce(
  element: XmlElement,
  context: CheckContext,
  keys: readonly string[],
): void {
  for (const key of keys) {
    const count = countOf(element, key);
    if (count > 1) {
      context.report(
        "duplicate-element",
        element,
        `${describeElement(element)} contains <${nameOfKey(key)}> ${count} times; it may appear once`,
      );
    }
  }
}

export function requireAttributes(
  element: XmlElement,
  context: CheckContext,
  names: readonly string[],
): boolean {
  let complete = true;
  for (const name of names) {
    if (!element.attributes.has(name)) {
      context.report(
        "missing-attribute",
        element,
        `${describeElement(element)} must have a ${name} attribute`,
      );
      complete = false;
    }
  }
  return complete;
}

export function text(element: XmlElement): string {
  return element.text.trim();
}

/** The element's text must be a URI; `web` asks for http(s). */
export function checkUriText(
  element: XmlElement,
  context: CheckContext,
  options: UriOptions = {},
): void {
  const problem = uriProblem(element.text, options);
  if (problem !== undefined)
    context.report("invalid-uri", element, `${describeElement(element)} ${problem}`);
}

/** The attribute, when present, must be a URI. */
export function checkUriAttribute(
  element: XmlElement,
  context: CheckContext,
  name: string,
  options: UriOptions = {},
): void {
  const value = element.attributes.get(name);
  if (value === undefined) return;
  const problem = uriProblem(value, options);
  if (problem !== undefined)
    context.report(
      "invalid-uri",
      element,
      `${describeElement(element)} attribute ${nameOfKey(name)} ${problem}`,
    );
}

export function checkRfc822Text(element: XmlElement, context: CheckContext): void {
  const result = checkRfc822Date(element.text);
  if (result.error !== undefined)
    context.report("invalid-rfc822-date", element, `${describeElement(element)}: ${result.error}`);
  else if (result.warning !== undefined)
    context.report(
      "problematic-rfc822-date",
      element,
      `${describeElement(element)}: ${result.warning}`,
    );
}

export function checkRfc3339(
  element: XmlElement,
  context: CheckContext,
  value: string,
  what: string,
): void {
  const problem = rfc3339Problem(value.trim() === value ? value : value.trim());
  if (problem !== undefined) context.report("invalid-rfc3339-date", element, `${what}: ${problem}`);
}

export function checkEmailText(element: XmlElement, context: CheckContext): void {
  const problem = rssEmailProblem(element.text);
  if (problem !== undefined)
    context.report("invalid-email", element, `${describeElement(element)}: ${problem}`);
}

export function checkIntegerText(
  element: XmlElement,
  context: CheckContext,
  min: number,
  max?: number,
): void {
  const problem = integerProblem(element.text, min, max);
  if (problem !== undefined)
    context.report("invalid-number", element, `${describeElement(element)} ${problem}`);
}

export function checkIntegerAttribute(
  element: XmlElement,
  context: CheckContext,
  name: string,
  min: number,
): void {
  const value = element.attributes.get(name);
  if (value === undefined) return;
  const problem = integerProblem(value, min);
  if (problem !== undefined)
    context.report(
      "invalid-number",
      element,
      `${describeElement(element)} attribute ${nameOfKey(name)} ${problem}`,
    );
}

/** A decimal number (durations, bitrates, coordinates' parts): 12, 12.5. */
export function checkDecimalAttribute(
  element: XmlElement,
  context: CheckContext,
  name: string,
): void {
  const value = element.attributes.get(name);
  if (value !== undefined && !/^\s*\d+(\.\d+)?\s*$/.test(value)) {
    context.report(
      "invalid-number",
      element,
      `${describeElement(element)} attribute ${nameOfKey(name)} is ${JSON.stringify(shorten(value))}, not a number`,
    );
  }
}

export function checkMediaTypeAttribute(
  element: XmlElement,
  context: CheckContext,
  name: string,
): void {
  const value = element.attributes.get(name);
  if (value !== undefined && !isMediaType(value)) {
    context.report(
      "invalid-media-type",
      element,
      `${describeElement(element)} attribute ${nameOfKey(name)} is ${JSON.stringify(shorten(value))}, not a media type such as audio/mpeg`,
    );
  }
}

/** The value (text or attribute) must be one of `allowed` (compared as written). */
export function checkChoice(
  element: XmlElement,
  context: CheckContext,
  value: string | undefined,
  allowed: readonly string[],
  what: string,
  rule: RuleId = "invalid-value",
): void {
  if (value === undefined || allowed.includes(value.trim())) return;
  context.report(
    rule,
    element,
    `${what} is ${JSON.stringify(shorten(value))}; expected one of ${allowed.join(", ")}`,
  );
}

/** The attribute, when present, must be one of `allowed`. */
export function checkChoiceAttribute(
  element: XmlElement,
  context: CheckContext,
  name: string,
  allowed: readonly string[],
): void {
  checkChoice(
    element,
    context,
    element.attributes.get(name),
    allowed,
    `${describeElement(element)} attribute ${nameOfKey(name)}`,
  );
}

export function requireText(element: XmlElement, context: CheckContext): boolean {
  if (text(element) !== "") return true;
  context.report("empty-value", element, `${describeElement(element)} is empty`);
  return false;
}
