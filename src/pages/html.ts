// HTML is escaped by default: every value interpolated into html`...` is escaped unless it is
// already SafeHtml (made by html`...` itself, or trusted() for sanitized article bodies).

import { escapeHtml } from "../html-escape.js";

export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Interpolation =
  | SafeHtml
  | string
  | number
  | undefined
  | null
  | false
  | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === undefined || value === null || value === false) return "";
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes text. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Marks HTML that was sanitized where it entered the store. */
export function trusted(sanitizedHtml: string): SafeHtml {
  return new SafeHtml(sanitizedHtml);
}
