// An author given as one string: a name, or a name and an address the way mail headers write
// them ("Ana Ruiz <ana@example.com>"). The address is taken out of the name, so that no format
// carries an e-mail address inside a name: RSS writes it as "mail (Name)", Atom as a name and an
// email, JSON Feed as a mailto: URL.
import type { Author } from "../model.js";

const nameAndAddress = /^(.*?)\s*<([^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>$/;

/**
 * "Name <mail@host>" as a name and an e-mail; an address alone ("<mail@host>") as a name without
 * its brackets, there being no name to show; any other text is a name as it is.
 */
export function authorFromString(text: string): Author {
  const match = nameAndAddress.exec(text.trim());
  const email = match?.[2];
  if (match === null || email === undefined) return { name: text };
  const name = (match[1] ?? "").replace(/^"(.*)"$/, "$1").trim();
  return name === "" ? { name: email } : { name, email };
}
