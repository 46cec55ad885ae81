// Readable element paths for libxml2's node paths. libxml2 names an element in a default
// namespace "*" and counts it among all its element siblings ("/*/*[4]/*[3]"); the readable form
// names every element and counts only same-named siblings ("/feed/entry[2]/title"). Resolved by
// walking the tree, not by evaluating the path, which would need every prefix declared.
import { type XmlDocument, XmlElement } from "libxml2-wasm";

const elementStep = /^(\*|[^[\]@()]+)(?:\[(\d+)\])?$/;

function qualifiedName(element: XmlElement): string {
  return element.prefix === "" ? element.name : `${element.prefix}:${element.name}`;
}

function childElements(parent: XmlElement): XmlElement[] {
  const children: XmlElement[] = [];
  for (let child = parent.firstChild; child !== null; child = child.next) {
    if (child instanceof XmlElement) children.push(child);
  }
  return children;
}

/** The element a libxml2 node path points at, or its nearest element ancestor. */
function resolveElement(document: XmlDocument, nodePath: string): XmlElement | undefined {
  let element: XmlElement | undefined;
  for (const step of nodePath.split("/").slice(1)) {
    const match = elementStep.exec(step);
    if (match === null) break; // text(), comment(), @attribute: stay on the element
    const name = match[1] ?? "*";
    const position = Number(match[2] ?? "1");
    const candidates = element === undefined ? [document.root] : childElements(element);
    const named = name === "*" ? candidates : candidates.filter((c) => qualifiedName(c) === name);
    element = named[position - 1];
    if (element === undefined) return undefined;
  }
  return element;
}

function sameName(a: XmlElement, b: XmlElement): boolean {
  return a.name === b.name && a.namespaceUri === b.namespaceUri;
}

function readableStep(element: XmlElement): string {
  const siblings = element.parent === null ? [element] : childElements(element.parent);
  const namesakes = siblings.filter((sibling) => sameName(sibling, element));
  const name = qualifiedName(element);
  return namesakes.length > 1
    ? `${name}[${namesakes.findIndex((n) => n.isSameNode(element)) + 1}]`
    : name;
}

/** "/rss/channel/item[2]/guid" for the node libxml2 calls "/rss/channel/item[2]/guid" or "/*\/*[4]". */
export function readablePath(document: XmlDocument, nodePath: string): string | undefined {
  const steps: string[] = [];
  for (let element = resolveElement(document, nodePath) ?? null; element !== null; ) {
    steps.unshift(readableStep(element));
    element = element.parent;
  }
  return steps.length === 0 ? undefined : `/${steps.join("/")}`;
}
