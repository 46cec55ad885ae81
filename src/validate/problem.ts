// What a validator reports: one problem per fault found, with its place when known.

export type FeedKind = "rss" | "atom" | "json";

export interface ValidationProblem {
  line?: number;
  column?: number;
  message: string;
}

/** One line of text for logs and error pages: "line 12, column 3: Element item has extra content: foo". */
export function describeProblem(problem: ValidationProblem): string {
  if (problem.line === undefined) return problem.message;
  const place =
    problem.column === undefined
      ? `line ${problem.line}`
      : `line ${problem.line}, column ${problem.column}`;
  return `${place}: ${problem.message}`;
}

/** A value quoted for a message, cut short when long: "tag:x,2026:1" or "Lorem ipsum…". */
export function quoteValue(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
}
