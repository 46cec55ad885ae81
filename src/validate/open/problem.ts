// What the open validator reports: one problem per fault, each with its place, the rule it breaks,
// a sentence for the publisher, how serious it is and where the specification says so.
import { type RuleId, type RuleInfo, ruleCatalog } from "./rules.js";

export type Severity = "error" | "warning";

export interface OpenProblem {
  /** The file or URL checked. */
  location: string;
  line?: number;
  column?: number;
  /** Where in the document: /rss/channel/item[3]/pubDate, or a JSON pointer for JSON Feed. */
  path: string;
  rule: RuleId;
  severity: Severity;
  message: string;
  spec: string;
}

/** The place of a fault inside a document, before the file or URL is known. */
export interface ProblemPlace {
  line?: number;
  column?: number;
  path: string;
}

/** Collects the problems of one document, filling in each rule's severity and spec link. */
export class ProblemList {
  readonly problems: OpenProblem[] = [];
  readonly #warnedOnce = new Set<string>();

  constructor(readonly location: string) {}

  /** `spec` is the specification of the element concerned, for rules without their own link. */
  report(rule: RuleId, place: ProblemPlace, message: string, spec?: string): void {
    const info: RuleInfo = ruleCatalog[rule];
    const problem: OpenProblem = {
      location: this.location,
      path: place.path,
      rule,
      severity: info.severity,
      message,
      spec: info.spec ?? spec ?? "https://www.rssboard.org/rss-specification",
    };
    if (place.line !== undefined) problem.line = place.line;
    if (place.column !== undefined) problem.column = place.column;
    this.problems.push(problem);
  }

  /** Reports `rule` for `key` the first time only (an unknown element named once per name). */
  reportOnce(key: string, rule: RuleId, place: ProblemPlace, message: string, spec?: string): void {
    if (this.#warnedOnce.has(key)) return;
    this.#warnedOnce.add(key);
    this.report(rule, place, message, spec);
  }

  get errorCount(): number {
    return this.problems.filter((problem) => problem.severity === "error").length;
  }
}
