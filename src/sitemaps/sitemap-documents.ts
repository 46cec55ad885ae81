// Renders the sitemaps (sitemaps.org 0.9): the sitemap index, a list of pages (urlset), and a
// Google News sitemap (a urlset with news:news). Pure: the entries carry every date and URL.
import type { DateTime } from "luxon";
import { formatRfc3339 } from "../formats/dates.js";
import {
  addElement,
  addTextElement,
  createXmlDocument,
  namespaceDeclarations,
  serializeXml,
} from "../formats/xml-document.js";

export const sitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

/** One URL of a sitemap or one sitemap of the index. */
export interface SitemapEntry {
  loc: string;
  lastmod: DateTime;
}

export interface NewsSitemapEntry {
  loc: string;
  /** The publication's name as Google News knows it. */
  publicationName: string;
  /** ISO 639 code as the News schema spells it: two or three lowercase letters, zh-cn or zh-tw. */
  language: string;
  published: DateTime;
  title: string;
}

/** A list of locations with their latest change: `<root><child><loc/><lastmod/></child>...`. */
function renderLocations(root: string, child: string, entries: readonly SitemapEntry[]): string {
  const document = createXmlDocument();
  const list = addElement(document, root, { xmlns: sitemapNamespace });
  for (const entry of entries) {
    const element = addElement(list, child);
    addTextElement(element, "loc", entry.loc);
    addTextElement(element, "lastmod", formatRfc3339(entry.lastmod));
  }
  return serializeXml(document);
}

/** A sitemap index: the sitemaps a crawler should read, each with its latest change. */
export function renderSitemapIndex(sitemaps: readonly SitemapEntry[]): string {
  return renderLocations("sitemapindex", "sitemap", sitemaps);
}

/** A sitemap of pages, each with the time it last changed. */
export function renderUrlSet(urls: readonly SitemapEntry[]): string {
  return renderLocations("urlset", "url", urls);
}

/** A Google News sitemap: recent articles with their publication, date and title. */
export function renderNewsSitemap(articles: readonly NewsSitemapEntry[]): string {
  const document = createXmlDocument();
  const urlset = addElement(document, "urlset", {
    xmlns: sitemapNamespace,
    ...namespaceDeclarations("news"),
  });
  for (const article of articles) {
    const element = addElement(urlset, "url");
    addTextElement(element, "loc", article.loc);
    const news = addElement(element, "news:news");
    const publication = addElement(news, "news:publication");
    addTextElement(publication, "news:name", article.publicationName);
    addTextElement(publication, "news:language", article.language);
    addTextElement(news, "news:publication_date", formatRfc3339(article.published));
    addTextElement(news, "news:title", article.title);
  }
  return serializeXml(document);
}
