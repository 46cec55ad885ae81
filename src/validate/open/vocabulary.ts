// The shape every vocabulary (RSS 2.0, Atom, and each extension) gives the open validator: the
// elements it defines, where each may appear, and the checks run when one opens and closes.
import type { ProblemList } from "./problem.js";
import type { RuleId } from "./rules.js";
import { specOfElement } from "./specs.js";
import type { XmlElement } from "./xml-tree.js";

export interface CheckOptions {
  /** A folder that holds the media files the feed's enclosures name, to compare types and lengths. */
  mediaDir?: string;
}

/** What the checks of one document share: where problems go, and what has been seen so far. */
export class CheckContext {
  /** Values that must be unique in the document, by what they are ("guid", "atom id"). */
  readonly seen = new Map<string, Set<string>>();
  /** Facts a later check needs: "feed has author", "entries without author" ... */
  readonly facts = new Map<string, number>();
  /** The first place of a fault counted over the document, reported once at its end. */
  readonly firstPlaces = new Map<string, Place>();
  /** Whether the document declares or uses the iTunes namespace (a podcast for Apple). */
  podcast = false;
  /** The channel's itunes:image, to measure when it is a local file. */
  artwork: { place: Place; url: string } | undefined;
  /** Enclosures to compare with local media files once the document is read. */
  readonly localMedia: { element: Place; url: string; length?: string; type?: string }[] = [];

  constructor(
    readonly problems: ProblemList,
    readonly root: "rss" | "atom-feed" | "atom-entry",
    readonly options: CheckOptions,
  ) {}

  report(rule: RuleId, element: Place, message: string): void {
    const spec =
      element.uri === undefined ? undefined : specOfElement(element.uri, element.local ?? "");
    this.problems.report(
      rule,
      { line: element.line, column: element.column, path: element.path },
      message,
      spec,
    );
  }

  /** Reports when `value` was already seen as a `what` in this document. */
  unique(what: string, value: string): boolean {
    let values = this.seen.get(what);
    if (values === undefined) {
      values = new Set();
      this.seen.set(what, values);
    }
    if (values.has(value)) return false;
    values.add(value);
    return true;
  }

  count(fact: string): void {
    this.facts.set(fact, (this.facts.get(fact) ?? 0) + 1);
  }

  fact(fact: string): number {
    return this.facts.get(fact) ?? 0;
  }
}

export interface Place {
  line: number;
  column: number;
  path: string;
  /** The element's namespace and name, which say which specification to link to. */
  uri?: string;
  local?: string;
}

export interface ElementRule {
  /** The keys of the parents it may appear in ("" for the root); any parent when absent. */
  in?: readonly string[];
  open?(element: XmlElement, context: CheckContext): void;
  close?(element: XmlElement, context: CheckContext): void;
}

export interface Vocabulary {
  /** The namespace URI, "" for RSS 2.0's unqualified elements. */
  uri: string;
  /** What the specification is called in messages: "RSS 2.0", "Media RSS". */
  title: string;
  elements: ReadonlyMap<string, ElementRule>;
  /** Checks that need the whole document, run at its end. */
  finish?(context: CheckContext): void;
}
