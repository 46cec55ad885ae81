// JSON Feed 1.1: a strict JSON.parse, the JSON Schema of the jsonfeed-schema package (draft-07,
// compiled once by ajv with ajv-formats), then the rules a schema cannot state.
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";
import { isRfc3339DateTime } from "./dates.js";
import { findDuplicates } from "./duplicates.js";
import { quoteValue, type ValidationProblem } from "./problem.js";
import { SchemaLoadError } from "./schema-files.js";

// ajv-formats is CommonJS with `exports.default`: under NodeNext its default import is the module
// object, whose `default` is the plugin (at run time the plugin is both).
const addFormats = ajvFormats.default;

const jsonFeedVersion = "https://jsonfeed.org/version/1.1";
const schemaModule = "jsonfeed-schema/v1.1";

/** A fault at a JSON Pointer into the feed ("" is the feed itself). */
interface JsonFinding {
  pointer: string;
  message: string;
}

type JsonObject = Record<string, unknown>;
type JsonRule = (feed: JsonObject) => JsonFinding[];

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

let schemaValidator: ValidateFunction | undefined;

function compileSchema(): ValidateFunction {
  let schema: unknown;
  try {
    schema = createRequire(import.meta.url)(schemaModule);
  } catch (error) {
    throw new SchemaLoadError(schemaModule, { cause: error });
  }
  if (!isJsonObject(schema)) throw new SchemaLoadError(`${schemaModule} (not a JSON Schema)`);
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw new SchemaLoadError(schemaModule, { cause: error });
  }
}

/** "/items/0/date_published" as "items[0].date_published"; "" as "feed". */
function readablePointer(pointer: string): string {
  if (pointer === "") return "feed";
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce(
      (path, token) =>
        /^\d+$/.test(token) ? `${path}[${token}]` : path === "" ? token : `${path}.${token}`,
      "",
    );
}

function schemaFinding(error: ErrorObject): JsonFinding {
  const params: Record<string, unknown> = error.params;
  let message = error.message ?? `fails ${error.keyword}`;
  if (error.keyword === "additionalProperties") {
    message = `must not have the property ${JSON.stringify(params.additionalProperty)}`;
  } else if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
    message = `must be one of ${params.allowedValues.map((value) => JSON.stringify(value)).join(", ")}`;
  }
  return { pointer: error.instancePath, message };
}

function parseProblem(text: string, error: unknown): ValidationProblem {
  const reason = error instanceof Error ? error.message : String(error);
  const message = `not well-formed JSON: ${reason}`;
  const position = /at position (\d+)/.exec(reason)?.[1];
  if (position === undefined) return { message };
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return { line, column, message };
}

/** The items array with each entry's index, or nothing when items is not an array. */
function indexedItems(feed: JsonObject): { index: number; item: unknown }[] {
  return Array.isArray(feed.items)
    ? feed.items.map((item: unknown, index) => ({ index, item }))
    : [];
}

const versionIsOnePointOne: JsonRule = (feed) =>
  feed.version === undefined || feed.version === jsonFeedVersion
    ? []
    : [{ pointer: "/version", message: `must be "${jsonFeedVersion}"` }];

const itemIdsAreUnique: JsonRule = (feed) =>
  findDuplicates(indexedItems(feed), ({ item }) =>
    isJsonObject(item) && typeof item.id === "string" ? item.id : undefined,
  ).map(({ key, first, repeat }) => ({
    pointer: `/items/${repeat.index}/id`,
    message: `duplicate id ${quoteValue(key)} (first in items[${first.index}])`,
  }));

const nextUrlIsAnotherPage: JsonRule = (feed) =>
  typeof feed.next_url === "string" && feed.next_url === feed.feed_url
    ? [{ pointer: "/next_url", message: "must not equal feed_url (the feed would page to itself)" }]
    : [];

const datesHaveOffsets: JsonRule = (feed) =>
  indexedItems(feed).flatMap(({ index, item }) =>
    ["date_published", "date_modified"].flatMap((key) => {
      const value = isJsonObject(item) ? item[key] : undefined;
      return typeof value === "string" && !isRfc3339DateTime(value)
        ? [
            {
              pointer: `/items/${index}/${key}`,
              message: `${quoteValue(value)} is not an RFC 3339 date-time with an upper-case T and an offset (e.g. 2014-10-20T08:00:00Z)`,
            },
          ]
        : [];
    }),
  );

const jsonRules: readonly JsonRule[] = [
  versionIsOnePointOne,
  itemIdsAreUnique,
  nextUrlIsAnotherPage,
  datesHaveOffsets,
];

/** Problems in a JSON Feed document; none when it is well-formed and valid. */
export function validateJsonFeed(text: string): ValidationProblem[] {
  schemaValidator ??= compileSchema();
  let feed: unknown;
  try {
    feed = JSON.parse(text);
  } catch (error) {
    return [parseProblem(text, error)];
  }
  const findings = schemaValidator(feed) ? [] : (schemaValidator.errors ?? []).map(schemaFinding);
  if (isJsonObject(feed)) {
    // A rule says nothing about a place the schema already faulted (a bad date is reported once).
    const faulted = new Set(findings.map((finding) => finding.pointer));
    const ruleFindings = jsonRules.flatMap((rule) => rule(feed));
    findings.push(...ruleFindings.filter((finding) => !faulted.has(finding.pointer)));
  }
  return findings.map(({ pointer, message }) => ({
    message: `${readablePointer(pointer)}: ${message}`,
  }));
}
