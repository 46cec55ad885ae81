// A streaming walk over an XML document (saxes) that hands each element to the checks twice: when
// its start tag is read and when it closes, with its attributes, its own text, and its direct
// children. Memory stays bounded by the depth of the document, not its length: a closed element
// drops its children, and a parent keeps at most a few children of each name (and exact counts).
import { SaxesParser, type SaxesTagNS } from "saxes";
import { keyOf, ns } from "./namespaces.js";

export interface XmlElement {
  /** As written, with its prefix: "itunes:image". */
  name: string;
  uri: string;
  local: string;
  key: string;
  /** Attribute values by key ("href", "{uri}local"); namespace declarations left out. */
  attributes: Map<string, string>;
  line: number;
  column: number;
  /** /rss/channel/item[3]/title: the position among same-named siblings when it is not the first. */
  path: string;
  parent: XmlElement | undefined;
  /** Character data directly inside (CDATA included); left empty once an element child appears. */
  text: string;
  /** Non-whitespace text appeared beside element children (mixed content). */
  mixed: boolean;
  /** How many children of each key it has. */
  counts: Map<string, number>;
  /** Its first children of each key (up to keptPerKey), for the checks that read them. */
  children: XmlElement[];
  /** Set by a check: the checks do not look inside (xhtml content, unknown extensions). */
  opaque: boolean;
  /** The namespace URIs its start tag declares. */
  declares: string[];
  /** Facts a child's check leaves for its parent's ("source has author"). */
  marks: Set<string>;
}

const keptPerKey = 32;
/** Text beyond this many characters in one element is counted but not kept. */
const keptTextLength = 1 << 22;

export interface XmlHandlers {
  open(element: XmlElement): void;
  close(element: XmlElement): void;
  /** The first well-formedness error; the walk stops there (XML fatal errors end processing). */
  fatal(message: string, line: number, column: number): void;
  doctype?(text: string, line: number, column: number): void;
}

export class XmlTreeWalker {
  readonly #parser = new SaxesParser({ xmlns: true, position: true });
  #current: XmlElement | undefined;
  #startLine = 1;
  #startColumn = 1;
  #failed = false;
  #sawRoot = false;

  constructor(readonly handlers: XmlHandlers) {
    const parser = this.#parser;
    parser.on("opentagstart", (tag) => {
      this.#startLine = parser.line;
      this.#startColumn = Math.max(1, parser.column - tag.name.length - 1);
    });
    parser.on("opentag", (tag) => this.#open(tag));
    parser.on("closetag", () => this.#close());
    parser.on("text", (text) => this.#text(text));
    parser.on("cdata", (text) => this.#text(text));
    parser.on("doctype", (text) => handlers.doctype?.(text, parser.line, parser.column));
    parser.on("error", (error) => this.#fail(error.message));
  }

  get failed(): boolean {
    return this.#failed;
  }

  write(chunk: string): void {
    if (this.#failed) return;
    try {
      this.#parser.write(chunk);
    } catch (error) {
      this.#fail(error instanceof Error ? error.message : String(error));
    }
  }

  end(): void {
    if (this.#failed) return;
    try {
      this.#parser.close();
    } catch (error) {
      this.#fail(error instanceof Error ? error.message : String(error));
    }
    if (!this.#failed && !this.#sawRoot) this.#fail("document must contain a root element.");
  }

  #fail(message: string): void {
    if (this.#failed) return;
    this.#failed = true;
    this.handlers.fatal(
      message.replace(/^[^:]*:\d+:\d+: /, "").replace(/^\d+:\d+: /, ""),
      this.#parser.line,
      this.#parser.column + 1,
    );
  }

  #open(tag: SaxesTagNS): void {
    if (this.#failed) return;
    this.#sawRoot = true;
    const parent = this.#current;
    const uri = tag.uri ?? "";
    const key = keyOf(uri, tag.local);
    const attributes = new Map<string, string>();
    const declares: string[] = [];
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === "xmlns" || attribute.name === "xmlns") {
        declares.push(attribute.value);
        continue;
      }
      attributes.set(keyOf(attribute.uri ?? "", attribute.local), attribute.value);
    }
    let index = 1;
    if (parent !== undefined) {
      index = (parent.counts.get(key) ?? 0) + 1;
      parent.counts.set(key, index);
      if (parent.text !== "") {
        if (parent.text.trim() !== "") parent.mixed = true;
        parent.text = "";
      }
    }
    const element: XmlElement = {
      name: tag.name,
      uri,
      local: tag.local,
      key,
      attributes,
      line: this.#startLine,
      column: this.#startColumn,
      path: `${parent?.path ?? ""}/${tag.name}${index > 1 ? `[${index}]` : ""}`,
      parent,
      text: "",
      mixed: false,
      counts: new Map(),
      children: [],
      opaque: parent?.opaque ?? false,
      declares,
      marks: new Set(),
    };
    if (parent !== undefined && index <= keptPerKey) parent.children.push(element);
    this.#current = element;
    this.handlers.open(element);
  }

  #close(): void {
    const element = this.#current;
    if (this.#failed || element === undefined) return;
    this.handlers.close(element);
    element.children = [];
    element.counts = new Map();
    this.#current = element.parent;
    // A closed element no longer needs its parent's chain.
    element.parent = undefined;
  }

  #text(text: string): void {
    const element = this.#current;
    if (this.#failed || element === undefined) return;
    if (element.counts.size > 0) {
      if (!element.mixed && text.trim() !== "") element.mixed = true;
      return;
    }
    if (element.text.length < keptTextLength) element.text += text;
  }
}

/** The first kept child with `key`, if any. */
export function childOf(element: XmlElement, key: string): XmlElement | undefined {
  return element.children.find((child) => child.key === key);
}

export function childrenOf(element: XmlElement, key: string): XmlElement[] {
  return element.children.filter((child) => child.key === key);
}

export function countOf(element: XmlElement, key: string): number {
  return element.counts.get(key) ?? 0;
}

/** xml:lang or xml:base of an element, looking up its ancestors (while they are open). */
export function xmlAttribute(
  element: XmlElement | undefined,
  local: "lang" | "base",
): string | undefined {
  for (let at = element; at !== undefined; at = at.parent) {
    const value = at.attributes.get(keyOf(ns.xml, local));
    if (value !== undefined) return value;
  }
  return undefined;
}
