// What a document rule is, and the pieces RSS and Atom rules share: a problem placed at a node,
// and uniqueness of the text of selected nodes.
import type { NamespaceMap, XmlDocument, XmlNode } from "libxml2-wasm";
import { findDuplicates } from "./duplicates.js";
import { quoteValue, type ValidationProblem } from "./problem.js";

/** A check a grammar cannot express, run on a parsed (well-formed) document. */
export type XmlRule = (document: XmlDocument) => ValidationProblem[];

/** A problem placed at the line of a node. */
export function problemAt(node: XmlNode, message: string): ValidationProblem {
  return node.line > 0 ? { line: node.line, message } : { message };
}

/** The nodes an XPath selects; an expression that yields no node set selects nothing. */
export function selectNodes(
  document: XmlDocument,
  xpath: string,
  namespaces?: NamespaceMap,
): XmlNode[] {
  return document.find(xpath, namespaces);
}

/** A rule: the text of the nodes selected by `xpath` must not repeat within the document. */
export function uniqueText(label: string, xpath: string, namespaces?: NamespaceMap): XmlRule {
  return (document) =>
    findDuplicates(selectNodes(document, xpath, namespaces), (node) => node.content).map(
      ({ key, first, repeat }) =>
        problemAt(repeat, `duplicate ${label} ${quoteValue(key)} (first on line ${first.line})`),
    );
}
