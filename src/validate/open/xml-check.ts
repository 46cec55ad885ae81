// The open validator for XML feeds: decodes the bytes as they come, walks the elements as they are
// read, and runs the rules of the vocabulary each element belongs to. Elements of namespaces it
// does not know are accepted with one warning per name, and nothing inside them is checked.
import { TextDecoder } from "node:util";
import { chooseDecoder, type DecodedStart, EncodingError } from "./decode.js";
import { checkAfterClose, finishDocument } from "./document-checks.js";
import { keyOf, nameOfKey, ns } from "./namespaces.js";
import { type OpenProblem, ProblemList } from "./problem.js";
import type { RuleId } from "./rules.js";
import { specOfElement } from "./specs.js";
import { vocabularyFor } from "./vocabularies.js";
import { CheckContext, type CheckOptions, type ElementRule } from "./vocabulary.js";
import { type XmlElement, XmlTreeWalker } from "./xml-tree.js";

export type XmlRoot = CheckContext["root"];

const rootKinds: Record<string, XmlRoot> = {
  rss: "rss",
  "{http://www.w3.org/2005/Atom}feed": "atom-feed",
  "{http://www.w3.org/2005/Atom}entry": "atom-entry",
};

/** A document that declares one of these is a podcast, checked as the directories check it. */
const podcastNamespaces: readonly string[] = [ns.itunes, ns.podcast];

const liveItem = keyOf(ns.podcast, "liveItem");

/** Bytes read before the encoding is chosen (enough for any XML declaration). */
const headLength = 1024;

export class XmlFeedChecker {
  readonly problems: ProblemList;
  readonly #walker: XmlTreeWalker;
  readonly #rules = new WeakMap<XmlElement, ElementRule>();
  #context: CheckContext | undefined;
  #decoder: TextDecoder | undefined;
  #encoding = "utf-8";
  #encodingSource: DecodedStart["source"] = "default";
  #head: Uint8Array[] = [];
  #headBytes = 0;
  #stopped = false;
  #lines = 1;
  #column = 0;
  #sawMarkup = false;

  constructor(
    location: string,
    readonly options: CheckOptions = {},
  ) {
    this.problems = new ProblemList(location);
    this.#walker = new XmlTreeWalker({
      open: (element) => this.#open(element),
      close: (element) => this.#close(element),
      fatal: (message, line, column) => this.#fatal(message, line, column),
      doctype: (text, line, column) => {
        if (/<!ENTITY/i.test(text)) {
          this.problems.report(
            "xml-doctype-entities",
            { line, column, path: "/" },
            "the DOCTYPE declares entities; feeds must not rely on them (they are never expanded or fetched here, and many readers do not either)",
          );
        }
      },
    });
  }

  /** The root element's kind once it has been read. */
  get root(): XmlRoot | undefined {
    return this.#context?.root;
  }

  write(chunk: Uint8Array): void {
    if (this.#stopped) return;
    if (this.#decoder === undefined) {
      this.#head.push(chunk);
      this.#headBytes += chunk.length;
      if (this.#headBytes < headLength) return;
      this.#startDecoding();
      return;
    }
    this.#decode(chunk, true);
  }

  end(): OpenProblem[] {
    if (!this.#stopped && this.#decoder === undefined) this.#startDecoding();
    if (!this.#stopped) this.#decode(new Uint8Array(0), false);
    if (!this.#stopped) this.#walker.end();
    if (!this.#stopped && this.#context !== undefined) finishDocument(this.#context);
    return this.problems.problems;
  }

  #startDecoding(): void {
    const head = concat(this.#head);
    this.#head = [];
    try {
      const start = chooseDecoder(head);
      this.#decoder = start.decoder;
      this.#encoding = start.encoding;
      this.#encodingSource = start.source;
      this.#decode(head.subarray(start.skip), true);
    } catch (error) {
      if (!(error instanceof EncodingError)) throw error;
      this.problems.report("xml-encoding", { line: 1, column: 1, path: "/" }, error.message);
      this.#stopped = true;
    }
  }

  #decode(bytes: Uint8Array, stream: boolean): void {
    const decoder = this.#decoder;
    if (decoder === undefined) return;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream });
    } catch {
      this.#reportUndecodable(bytes);
      return;
    }
    if (!this.#sawMarkup && !this.#checkStart(text)) return;
    this.#advance(text);
    this.#walker.write(text);
  }

  /** Counts the lines and the column reached, for problems the XML parser cannot place. */
  #advance(text: string): void {
    const last = text.lastIndexOf("\n");
    if (last < 0) {
      this.#column += text.length;
      return;
    }
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) this.#lines += 1;
    this.#column = text.length - last - 1;
  }

  /** Reports the first byte sequence the encoding cannot decode, at its line and column. */
  #reportUndecodable(bytes: Uint8Array): void {
    this.#stopped = true;
    const lenient = new TextDecoder(this.#encoding);
    const text = lenient.decode(bytes);
    const bad = Math.max(0, text.indexOf("\uFFFD"));
    this.#advance(text.slice(0, bad));
    const name = this.#encoding.toUpperCase();
    const declared = {
      default: `${name}, the encoding XML assumes when the XML declaration names none`,
      declaration: `${name}, the encoding the XML declaration names`,
      "byte order mark": `${name}, the encoding the byte order mark announces`,
    }[this.#encodingSource];
    this.problems.report(
      "xml-encoding",
      { line: this.#lines, column: this.#column + 1, path: "/" },
      `the bytes here are not valid ${declared}; declare the encoding the file is written in, or convert it to UTF-8`,
    );
  }

  /** XML starts with markup: what comes before the first < can only be whitespace. */
  #checkStart(text: string): boolean {
    const at = text.search(/\S/);
    if (at < 0) return true;
    this.#sawMarkup = true;
    if (text[at] === "<") return true;
    const before = text.slice(0, at);
    const line = this.#lines + (before.match(/\n/g)?.length ?? 0);
    const column = at - before.lastIndexOf("\n");
    this.#fatal(
      `text before the root element (${JSON.stringify(text.slice(at, at + 10))}...); the document must start with < (an XML declaration or the root element)`,
      line,
      column,
    );
    return false;
  }

  #fatal(message: string, line: number, column: number): void {
    this.#stopped = true;
    const place = { line, column, path: "/" };
    if (/undefined entity/i.test(message)) {
      this.problems.report(
        "xml-undefined-entity",
        place,
        "this entity reference is not defined: XML knows only &lt; &gt; &amp; &apos; &quot;, so write others (such as &nbsp;) as numeric references like &#160;, or escape the HTML",
      );
      return;
    }
    this.problems.report(
      "xml-not-well-formed",
      place,
      `the document is not well-formed XML: ${message.replace(/\.$/, "")}`,
    );
  }

  #open(element: XmlElement): void {
    if (this.#stopped) return;
    if (this.#context === undefined) {
      const root = rootKinds[element.key];
      if (root === undefined) {
        const what =
          element.key === "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"
            ? "an RSS 1.0 (RDF) document, which this validator does not check"
            : `<${element.name}>, which is neither RSS 2.0 <rss> nor an Atom <feed> or <entry>`;
        this.problems.report("unknown-root", element, `the root element is ${what}`);
        this.#stopped = true;
        element.opaque = true;
        return;
      }
      this.#context = new CheckContext(this.problems, root, this.options);
      this.#context.podcast = element.declares.some((uri) => podcastNamespaces.includes(uri));
    }
    if (element.opaque) return;
    const context = this.#context;
    const vocabulary = vocabularyFor(element.uri, context.root);
    if (vocabulary === undefined) {
      this.problems.reportOnce(
        `element ${element.key}`,
        "unknown-extension",
        element,
        `<${element.name}> (namespace ${element.uri || "none"}) is not one this validator knows; it is accepted unchecked`,
      );
      element.opaque = true;
      return;
    }
    const rule = vocabulary.elements.get(element.key);
    const core =
      vocabulary.uri === "" ||
      (vocabulary.uri === "http://www.w3.org/2005/Atom" && context.root !== "rss");
    if (rule === undefined) {
      const id: RuleId = core ? "unknown-element" : "unknown-extension-element";
      const where = element.parent === undefined ? "" : ` in <${element.parent.name}>`;
      const message = core
        ? `<${element.name}>${where} is not an element of ${vocabulary.title}; put extensions in their own namespace`
        : `<${element.name}> is not an element of ${vocabulary.title}; it is accepted unchecked`;
      if (core) context.report(id, element, message);
      else
        this.problems.reportOnce(
          `element ${element.key}`,
          id,
          element,
          message,
          specOfElement(element.uri, element.local),
        );
      element.opaque = true;
      return;
    }
    if (rule.in !== undefined) {
      // A podcast:liveItem holds what an item holds (Podcast Index namespace).
      const parentKey = element.parent?.key === liveItem ? "item" : element.parent?.key;
      const allowed = rule.in.includes(parentKey ?? "");
      if (!allowed) {
        const where =
          element.parent === undefined ? "as the root" : `inside <${element.parent.name}>`;
        const places = rule.in
          .map((key) => (key === "" ? "the root" : `<${nameOfKey(key)}>`))
          .join(", ");
        context.report(
          core ? "misplaced-element" : "misplaced-extension-element",
          element,
          `<${element.name}> cannot appear ${where}; it belongs in ${places}`,
        );
        element.opaque = true;
        return;
      }
    }
    this.#rules.set(element, rule);
    rule.open?.(element, context);
  }

  #close(element: XmlElement): void {
    const rule = this.#rules.get(element);
    if (this.#stopped || rule === undefined || this.#context === undefined) return;
    rule.close?.(element, this.#context);
    checkAfterClose(element, this.#context);
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
