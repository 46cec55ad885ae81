// wirefeed's feed validators: the gate every rendered feed passes before it is served.
// Synchronous and in-process (libxml2 compiled to WebAssembly, ajv); schemas are compiled on first
// use and kept. A schema that cannot be loaded throws SchemaLoadError (a broken installation);
// whatever the text, a feed's faults come back as problems, never as an exception.
import { validateJsonFeed } from "./json.js";
import { describeProblem, type FeedKind, type ValidationProblem } from "./problem.js";
import { type SitemapKind, validateSitemapText } from "./sitemap.js";
import { validateXmlFeed } from "./xml.js";

export { detectFeedKind } from "./detect.js";
export { describeProblem, type FeedKind, type ValidationProblem } from "./problem.js";
export { SchemaLoadError } from "./schema-files.js";
export { type SitemapKind, validateSitemapText } from "./sitemap.js";

/**
 * Checks one document: well-formedness (strict XML parse by libxml2, or JSON.parse) then the
 * schema, then the rules the schema cannot state (unique ids, date forms ...). Returns [] when valid.
 */
export function validateFeedText(kind: FeedKind, text: string): ValidationProblem[] {
  switch (kind) {
    case "rss":
    case "atom":
      return validateXmlFeed(kind, text);
    case "json":
      return validateJsonFeed(text);
    default:
      return [{ message: `unknown feed kind ${JSON.stringify(kind)}` }];
  }
}

/**
 * The gate the site build runs on every rendered feed: its problems as readable lines, none when
 * it may be served.
 */
export function validateRenderedFeed(format: { name: FeedKind }, text: string): string[] {
  return validateFeedText(format.name, text).map(describeProblem);
}

/** The gate for sitemaps: the problems of a rendered sitemap as readable lines, none when valid. */
export function validateRenderedSitemap(kind: SitemapKind, text: string): string[] {
  return validateSitemapText(kind, text).map(describeProblem);
}
