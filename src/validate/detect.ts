// Guessing a feed's format from its text alone: the root element of an XML document (rss, or
// feed in the Atom namespace) or a JSON object whose version is a JSON Feed version URL.
import type { FeedKind } from "./problem.js";

const atomNamespace = "http://www.w3.org/2005/Atom";

/** XML declaration, comments, processing instructions, a DOCTYPE without internal subset. */
const prolog = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/;
const startTag =
  /^<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)((?:\s+[^\s=>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/;
const attribute = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function namespaceDeclarations(attributes: string): Map<string, string> {
  const declared = new Map<string, string>();
  for (const match of attributes.matchAll(attribute)) {
    const name = match[1] ?? "";
    const value = match[2] ?? match[3] ?? "";
    if (name === "xmlns") declared.set("", value);
    else if (name.startsWith("xmlns:")) declared.set(name.slice("xmlns:".length), value);
  }
  return declared;
}

function detectXmlKind(text: string): FeedKind | undefined {
  const rest = text.slice(prolog.exec(text)?.[0].length ?? 0);
  const root = startTag.exec(rest);
  if (root === null) return undefined;
  const prefix = root[1] ?? "";
  const localName = root[2];
  const namespace = namespaceDeclarations(root[3] ?? "").get(prefix);
  if (localName === "rss" && prefix === "") return "rss";
  if (localName === "feed" && namespace === atomNamespace) return "atom";
  return undefined;
}

function detectJsonKind(text: string): FeedKind | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || !("version" in value)) return undefined;
  const version = value.version;
  return typeof version === "string" && version.startsWith("https://jsonfeed.org/version/")
    ? "json"
    : undefined;
}

/** "rss", "atom" or "json" from the text, or undefined when it is none of them. */
export function detectFeedKind(text: string): FeedKind | undefined {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("<")) return detectXmlKind(start);
  if (start.startsWith("{")) return detectJsonKind(start);
  return undefined;
}
