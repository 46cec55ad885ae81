// Sitemaps: a strict parse by libxml2, then the sitemaps.org 0.9 XML Schema (sitemap.xsd for a
// urlset, with Google's sitemap-news.xsd for news:news; siteindex.xsd for an index), then the
// limits the schemas only state in prose. Schemas are compiled once, on first use, and kept.
import {
  XmlBufferInputProvider,
  XmlDocument,
  XsdValidator,
  xmlRegisterInputProvider,
} from "libxml2-wasm";
import type { ValidationProblem } from "./problem.js";
import { readSchemaFile, SchemaLoadError, schemaPath } from "./schema-files.js";
import { libraryProblems, parseXmlText } from "./xml.js";
import { problemAt, selectNodes, uniqueText, type XmlRule } from "./xml-rules.js";

export type SitemapKind = "sitemapindex" | "urlset";

const namespaces = {
  s: "http://www.sitemaps.org/schemas/sitemap/0.9",
  news: "http://www.google.com/schemas/sitemap-news/0.9",
};

/** sitemaps.org: at most 50,000 URLs and 50 MB (uncompressed) per file. */
const maxEntries = 50_000;
const maxBytes = 50 * 1024 * 1024;
/** Google News: at most 1,000 news:news entries per sitemap. */
const maxNewsEntries = 1_000;

/**
 * A urlset's schema: sitemap.xsd lets any other namespace in (processContents strict), so the
 * News schema must be known too. This schema only imports the two; libxml2 reads the imported
 * files through an input provider that answers for those two paths and nothing else.
 */
const urlsetSchema = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="${namespaces.s}" schemaLocation="sitemap.xsd"/>
  <xsd:import namespace="${namespaces.news}" schemaLocation="sitemap-news.xsd"/>
</xsd:schema>
`;

let providerRegistered = false;

function registerImportedSchemas(): void {
  if (providerRegistered) return;
  const files = Object.fromEntries(
    ["sitemap.xsd", "sitemap-news.xsd"].map((name) => [
      schemaPath(name),
      Buffer.from(readSchemaFile(name), "utf8"),
    ]),
  );
  xmlRegisterInputProvider(new XmlBufferInputProvider(files));
  providerRegistered = true;
}

function compileSchema(text: string, file: string): XsdValidator {
  let schema: XmlDocument;
  try {
    schema = XmlDocument.fromString(text, { url: schemaPath(file) });
  } catch (error) {
    throw new SchemaLoadError(schemaPath(file), { cause: error });
  }
  try {
    return XsdValidator.fromDoc(schema);
  } catch (error) {
    throw new SchemaLoadError(schemaPath(file), { cause: error });
  } finally {
    schema.dispose();
  }
}

const validators = new Map<SitemapKind, XsdValidator>();

function validatorFor(kind: SitemapKind): XsdValidator {
  let validator = validators.get(kind);
  if (validator === undefined) {
    if (kind === "urlset") {
      registerImportedSchemas();
      validator = compileSchema(urlsetSchema, "urlset.xsd");
    } else {
      validator = compileSchema(readSchemaFile("siteindex.xsd"), "siteindex.xsd");
    }
    validators.set(kind, validator);
  }
  return validator;
}

function countAtMost(label: string, xpath: string, limit: number): XmlRule {
  return (document) => {
    const count = selectNodes(document, xpath, namespaces).length;
    return count > limit
      ? [{ message: `${count} ${label}; a sitemap holds at most ${limit}` }]
      : [];
  };
}

/** Every loc is an absolute http(s) URL (crawlers resolve nothing). */
const locsAreAbsolute: XmlRule = (document) =>
  selectNodes(document, "/*/*/s:loc", namespaces)
    .filter((node) => !/^https?:\/\/[^/\s]+/.test(node.content))
    .map((node) => problemAt(node, `loc ${JSON.stringify(node.content)} is not an absolute URL`));

const rules: Readonly<Record<SitemapKind, readonly XmlRule[]>> = {
  sitemapindex: [
    countAtMost("sitemaps", "/s:sitemapindex/s:sitemap", maxEntries),
    uniqueText("sitemap loc", "/s:sitemapindex/s:sitemap/s:loc", namespaces),
    locsAreAbsolute,
  ],
  urlset: [
    countAtMost("URLs", "/s:urlset/s:url", maxEntries),
    countAtMost("news:news entries", "/s:urlset/s:url/news:news", maxNewsEntries),
    uniqueText("url loc", "/s:urlset/s:url/s:loc", namespaces),
    locsAreAbsolute,
  ],
};

function rootProblems(kind: SitemapKind, document: XmlDocument): ValidationProblem[] {
  const root = document.root;
  return root.name === kind && root.namespaceUri === namespaces.s
    ? []
    : [{ message: `the root element is ${root.name}, expected ${kind} in ${namespaces.s}` }];
}

/** Problems in a sitemap or sitemap index; none when it is well-formed and valid. */
export function validateSitemapText(kind: SitemapKind, text: string): ValidationProblem[] {
  const validator = validatorFor(kind); // a schema that cannot be loaded throws, before any input
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length > maxBytes)
    return [{ message: `larger than ${maxBytes} bytes, the most a sitemap may be` }];
  let document: XmlDocument | undefined;
  try {
    document = parseXmlText(bytes);
    const wrongRoot = rootProblems(kind, document);
    if (wrongRoot.length > 0) return wrongRoot;
    try {
      validator.validate(document);
    } catch (error) {
      return libraryProblems(error, document);
    }
    const parsed = document;
    return rules[kind].flatMap((rule) => rule(parsed));
  } catch (error) {
    // Fail closed: whatever went wrong with this text, it is not a sitemap to serve.
    return libraryProblems(error, document);
  } finally {
    document?.dispose();
  }
}
