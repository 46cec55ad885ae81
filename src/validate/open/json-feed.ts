// JSON Feed 1.0 and 1.1 (jsonfeed.org/version/1.1): the members each object may have, their types
// and forms (URLs, RFC 3339 dates, language tags), the required ones, and 1.0 members deprecated
// in 1.1. The document is parsed strictly (RFC 8259: no comments, no trailing commas) into a tree
// that keeps every value's offset, so each problem has its line and column and a JSON pointer.
import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import type { ProblemList } from "./problem.js";
import type { RuleId } from "./rules.js";
import { isLanguageTag, isMediaType, rfc3339Problem, shorten, uriProblem } from "./values.js";

const versions: Record<string, "1" | "1.1"> = {
  "https://jsonfeed.org/version/1": "1",
  "https://jsonfeed.org/version/1.1": "1.1",
};

type Kind = "string" | "url" | "date" | "boolean" | "number" | "language" | "object" | "array";

const feedMembers: Record<string, Kind> = {
  version: "string",
  title: "string",
  home_page_url: "url",
  feed_url: "url",
  description: "string",
  user_comment: "string",
  next_url: "url",
  icon: "url",
  favicon: "url",
  author: "object",
  authors: "array",
  language: "language",
  expired: "boolean",
  hubs: "array",
  items: "array",
};
const itemMembers: Record<string, Kind> = {
  id: "string",
  url: "url",
  external_url: "url",
  title: "string",
  content_html: "string",
  content_text: "string",
  summary: "string",
  image: "url",
  banner_image: "url",
  date_published: "date",
  date_modified: "date",
  author: "object",
  authors: "array",
  tags: "array",
  language: "language",
  attachments: "array",
};
const authorMembers: Record<string, Kind> = { name: "string", url: "url", avatar: "url" };
const attachmentMembers: Record<string, Kind> = {
  url: "url",
  mime_type: "string",
  title: "string",
  size_in_bytes: "number",
  duration_in_seconds: "number",
};
const hubMembers: Record<string, Kind> = { type: "string", url: "url" };

class JsonChecker {
  readonly #lineStarts: number[] = [0];
  readonly #ids = new Set<string>();
  version: "1" | "1.1" = "1.1";

  constructor(
    readonly problems: ProblemList,
    text: string,
  ) {
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1))
      this.#lineStarts.push(at + 1);
  }

  report(rule: RuleId, node: Node | number, pointer: string, message: string): void {
    this.problems.report(
      rule,
      this.place(typeof node === "number" ? node : node.offset, pointer),
      message,
    );
  }

  /** The line and column (from 1) of an offset in the text, with the JSON pointer. */
  place(offset: number, pointer: string): { line: number; column: number; path: string } {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return {
      line: low + 1,
      column: offset - (this.#lineStarts[low] ?? 0) + 1,
      path: pointer === "" ? "/" : pointer,
    };
  }

  /** Checks an object's members against `members`; returns them by name. */
  object(
    node: Node,
    pointer: string,
    members: Record<string, Kind>,
    what: string,
  ): Map<string, Node> {
    const found = new Map<string, Node>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (keyNode === undefined || valueNode === undefined) continue;
      const name = String(keyNode.value);
      const at = `${pointer}/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      if (found.has(name))
        this.report("duplicate-element", keyNode, at, `${what} has the member "${name}" twice`);
      found.set(name, valueNode);
      const kind = members[name];
      if (kind === undefined) {
        if (!name.startsWith("_")) {
          this.problems.reportOnce(
            `json ${what} ${name}`,
            "json-unknown-member",
            this.place(keyNode.offset, at),
            `${what} has a member "${name}" that JSON Feed does not define; extensions must start with an underscore (_${name})`,
          );
        }
        continue;
      }
      this.value(valueNode, at, kind, `${what} member "${name}"`);
    }
    return found;
  }

  value(node: Node, pointer: string, kind: Kind, what: string): boolean {
    const jsonType = kind === "url" || kind === "date" || kind === "language" ? "string" : kind;
    if (node.type !== jsonType) {
      this.report(
        "json-type",
        node,
        pointer,
        `${what} must be ${jsonType === "array" || jsonType === "object" ? "an" : "a"} ${jsonType}, not ${node.type === "array" || node.type === "object" ? "an" : "a"} ${node.type}`,
      );
      return false;
    }
    const value = node.value;
    if (typeof value !== "string") return true;
    if (kind === "url") {
      const problem = uriProblem(value);
      if (problem !== undefined) this.report("invalid-uri", node, pointer, `${what} ${problem}`);
    } else if (kind === "date") {
      const problem = rfc3339Problem(value);
      if (problem !== undefined)
        this.report("invalid-rfc3339-date", node, pointer, `${what}: ${problem}`);
    } else if (kind === "language" && !isLanguageTag(value)) {
      this.report(
        "invalid-language",
        node,
        pointer,
        `${what} ${JSON.stringify(shorten(value))} is not a language tag such as en-US`,
      );
    }
    return true;
  }

  required(
    found: Map<string, Node>,
    node: Node,
    pointer: string,
    names: readonly string[],
    what: string,
  ): void {
    for (const name of names) {
      if (!found.has(name))
        this.report("json-missing-member", node, pointer, `${what} must have a "${name}" member`);
    }
  }

  feed(node: Node): void {
    if (node.type !== "object") {
      this.report(
        "json-type",
        node,
        "",
        `a JSON Feed is an object, not ${node.type === "array" ? "an array" : `a ${node.type}`}`,
      );
      return;
    }
    const versionNode = (node.children ?? []).find(
      (property) => property.children?.[0]?.value === "version",
    )?.children?.[1];
    const declared = versionNode?.value;
    if (versionNode === undefined) {
      this.report(
        "json-missing-member",
        node,
        "",
        'the feed must have a "version" member (https://jsonfeed.org/version/1.1)',
      );
    } else if (typeof declared !== "string" || versions[declared] === undefined) {
      this.report(
        "json-version",
        versionNode,
        "/version",
        `version is ${JSON.stringify(declared)}; expected "https://jsonfeed.org/version/1.1" or "https://jsonfeed.org/version/1"`,
      );
    } else {
      this.version = versions[declared] ?? "1.1";
    }
    const found = this.object(node, "", feedMembers, "the feed");
    this.required(found, node, "", ["title", "items"], "the feed");
    this.authors(found, "", "the feed");
    const hubs = found.get("hubs");
    if (hubs?.type === "array") {
      for (const [index, hub] of (hubs.children ?? []).entries()) {
        this.member(hub, `/hubs/${index}`, hubMembers, "a hub", ["type", "url"]);
      }
    }
    const items = found.get("items");
    if (items?.type === "array") {
      for (const [index, item] of (items.children ?? []).entries())
        this.item(item, `/items/${index}`);
    }
  }

  member(
    node: Node,
    pointer: string,
    members: Record<string, Kind>,
    what: string,
    required: readonly string[],
  ): Map<string, Node> | undefined {
    if (!this.value(node, pointer, "object", what)) return undefined;
    const found = this.object(node, pointer, members, what);
    this.required(found, node, pointer, required, what);
    return found;
  }

  authors(found: Map<string, Node>, pointer: string, what: string): void {
    const single = found.get("author");
    if (single !== undefined) {
      if (this.version === "1.1")
        this.report(
          "json-deprecated",
          single,
          `${pointer}/author`,
          `${what} uses "author", which JSON Feed 1.1 deprecates; use "authors", an array`,
        );
      if (single.type === "object") this.author(single, `${pointer}/author`);
    }
    const list = found.get("authors");
    if (list?.type === "array") {
      for (const [index, each] of (list.children ?? []).entries()) {
        this.author(each, `${pointer}/authors/${index}`);
      }
    }
  }

  author(node: Node, pointer: string): void {
    const found = this.member(node, pointer, authorMembers, "an author", []);
    if (found !== undefined && found.size === 0)
      this.report(
        "json-missing-member",
        node,
        pointer,
        "an author must have at least one of name, url or avatar",
      );
  }

  item(node: Node, pointer: string): void {
    if (!this.value(node, pointer, "object", "an item")) return;
    const found = this.object(node, pointer, itemMembers, "an item");
    const id = found.get("id");
    if (id === undefined) {
      this.report("json-missing-member", node, pointer, 'an item must have an "id" member');
    } else if (typeof id.value === "string" || typeof id.value === "number") {
      const value = String(id.value);
      if (value.trim() === "")
        this.report(
          "empty-value",
          id,
          `${pointer}/id`,
          "an item's id is empty; give it a unique one",
        );
      else if (this.#ids.has(value))
        this.report(
          "duplicate-id",
          id,
          `${pointer}/id`,
          `the id ${JSON.stringify(shorten(value))} was already used by an earlier item; each item needs its own`,
        );
      this.#ids.add(value);
    }
    if (!found.has("content_html") && !found.has("content_text")) {
      this.report(
        "json-item-content",
        node,
        pointer,
        "an item must have content_html or content_text (or both)",
      );
    }
    this.authors(found, pointer, "an item");
    const tags = found.get("tags");
    if (tags?.type === "array") {
      for (const [index, tag] of (tags.children ?? []).entries()) {
        this.value(tag, `${pointer}/tags/${index}`, "string", "a tag");
      }
    }
    const attachments = found.get("attachments");
    if (attachments?.type === "array") {
      (attachments.children ?? []).forEach((attachment, index) => {
        const at = `${pointer}/attachments/${index}`;
        const members = this.member(attachment, at, attachmentMembers, "an attachment", [
          "url",
          "mime_type",
        ]);
        const type = members?.get("mime_type");
        if (typeof type?.value === "string" && !isMediaType(type.value)) {
          this.report(
            "invalid-media-type",
            type,
            `${at}/mime_type`,
            `mime_type ${JSON.stringify(shorten(type.value))} is not a media type such as audio/mpeg`,
          );
        }
        for (const name of ["size_in_bytes", "duration_in_seconds"]) {
          const number = members?.get(name);
          if (typeof number?.value === "number" && number.value < 0)
            this.report("invalid-number", number, `${at}/${name}`, `${name} is negative`);
        }
      });
    }
  }
}

/** Checks a JSON Feed document (bytes, UTF-8 as RFC 8259 requires). */
export function checkJsonFeed(problems: ProblemList, bytes: Uint8Array): ProblemList["problems"] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder("utf-8").decode(bytes);
    new JsonChecker(problems, lenient).report(
      "json-encoding",
      Math.max(0, lenient.indexOf("\uFFFD")),
      "",
      "the bytes here are not valid UTF-8, the only encoding JSON allows; convert the file to UTF-8",
    );
    return problems.problems;
  }
  const checker = new JsonChecker(problems, text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first !== undefined || tree === undefined) {
    const what =
      first === undefined
        ? "the document is empty"
        : describeParseError(printParseErrorCode(first.error));
    checker.report(
      "json-syntax",
      first?.offset ?? 0,
      "/",
      `the document is not valid JSON: ${what}`,
    );
    return problems.problems;
  }
  checker.feed(tree);
  return problems.problems;
}

/** "PropertyNameExpected" as "property name expected". */
function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}
