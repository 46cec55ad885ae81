// The check of an article page's structured data: the schema.org NewsArticle JSON-LD carries what
// Google's Article guidelines ask for (headline, dates with offsets, authors with names, images
// with absolute URLs, the publisher, the page it describes) and says what the feeds say.
import { DateTime } from "luxon";

/** What the feeds say about the article, in the forms the page must repeat. */
export interface FeedFacts {
  url: string;
  title: string;
  /** RFC 3339, as the feeds write it. */
  published: string;
  updated: string;
  imageUrl?: string;
  /** The correction notes the content carries, oldest first; dates in RFC 3339. */
  corrections?: readonly { text: string; date: string }[];
}

const jsonLdPattern = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/g;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyText(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function isAbsoluteUrl(value: unknown): boolean {
  return typeof value === "string" && /^https?:\/\/[^/\s]+/.test(value);
}

function dateProblems(name: string, value: unknown): string[] {
  if (typeof value !== "string" || !/(Z|[+-]\d\d:\d\d)$/.test(value))
    return [
      `${name}: expected an ISO 8601 date and time with an offset, got ${JSON.stringify(value)}`,
    ];
  return DateTime.fromISO(value).isValid ? [] : [`${name}: ${JSON.stringify(value)} is not a date`];
}

function authorProblems(author: unknown): string[] {
  if (!Array.isArray(author) || author.length === 0) return ["author: expected at least one"];
  return author.flatMap((one, i) => {
    if (!isObject(one)) return [`author[${i}]: expected an object`];
    const problems: string[] = [];
    if (one["@type"] !== "Person" && one["@type"] !== "Organization")
      problems.push(`author[${i}]: @type must be Person or Organization`);
    if (!isNonEmptyText(one.name)) problems.push(`author[${i}]: a name is required`);
    return problems;
  });
}

function imageProblems(image: unknown): string[] {
  if (image === undefined) return [];
  if (!Array.isArray(image)) return ["image: expected a list of ImageObject"];
  return image.flatMap((one, i) => {
    if (!isObject(one) || !isAbsoluteUrl(one.url)) return [`image[${i}]: expected an absolute url`];
    return ["width", "height"]
      .filter(
        (side) =>
          one[side] !== undefined && !(Number.isInteger(one[side]) && (one[side] as number) > 0),
      )
      .map((side) => `image[${i}].${side}: expected a positive whole number of pixels`);
  });
}

/** schema.org `correction`: CorrectionComments, each with its text and a date in the article's life. */
function correctionProblems(data: Json): string[] {
  const correction = data.correction;
  if (correction === undefined) return [];
  if (!Array.isArray(correction) || correction.length === 0)
    return ["correction: expected a list of CorrectionComment"];
  return correction.flatMap((one, i) => {
    if (!isObject(one)) return [`correction[${i}]: expected a CorrectionComment`];
    const problems: string[] = [];
    if (one["@type"] !== "CorrectionComment")
      problems.push(`correction[${i}]: @type must be CorrectionComment`);
    if (!isNonEmptyText(one.text)) problems.push(`correction[${i}]: a text is required`);
    const dates = dateProblems(`correction[${i}].datePublished`, one.datePublished);
    problems.push(...dates);
    if (dates.length > 0 || typeof data.datePublished !== "string") return problems;
    const date = DateTime.fromISO(one.datePublished as string);
    if (date < DateTime.fromISO(data.datePublished))
      problems.push(`correction[${i}].datePublished: earlier than the article's datePublished`);
    if (typeof data.dateModified === "string" && date > DateTime.fromISO(data.dateModified))
      problems.push(`correction[${i}].datePublished: later than the article's dateModified`);
    return problems;
  });
}

function publisherProblems(publisher: unknown): string[] {
  if (
    !isObject(publisher) ||
    publisher["@type"] !== "Organization" ||
    !isNonEmptyText(publisher.name)
  )
    return ["publisher: expected an Organization with a name"];
  const logo = publisher.logo;
  if (logo !== undefined && !(isObject(logo) && isAbsoluteUrl(logo.url)))
    return ["publisher.logo: expected an ImageObject with an absolute url"];
  return [];
}

/** Google's properties, each rule on its own. */
export function newsArticleProblems(data: unknown): string[] {
  if (!isObject(data)) return ["expected a JSON object"];
  const problems: string[] = [];
  if (data["@context"] !== "https://schema.org")
    problems.push("@context: expected https://schema.org");
  if (data["@type"] !== "NewsArticle") problems.push("@type: expected NewsArticle");
  if (!isNonEmptyText(data.headline)) problems.push("headline: required");
  const datesProblems = [
    ...dateProblems("datePublished", data.datePublished),
    ...dateProblems("dateModified", data.dateModified),
  ];
  problems.push(...datesProblems);
  if (
    datesProblems.length === 0 &&
    DateTime.fromISO(data.dateModified as string) < DateTime.fromISO(data.datePublished as string)
  )
    problems.push("dateModified: earlier than datePublished");
  problems.push(...authorProblems(data.author));
  problems.push(...imageProblems(data.image));
  problems.push(...publisherProblems(data.publisher));
  problems.push(...correctionProblems(data));
  if (typeof data.isAccessibleForFree !== "boolean")
    problems.push("isAccessibleForFree: expected true or false");
  const page = data.mainEntityOfPage;
  if (!isObject(page) || !isAbsoluteUrl(page["@id"]))
    problems.push("mainEntityOfPage: expected a WebPage with an absolute @id");
  return problems;
}

/** Where the JSON-LD and the feeds disagree. */
export function disagreementsWithFeeds(data: Json, facts: FeedFacts): string[] {
  const problems: string[] = [];
  const differ = (name: string, page: unknown, feed: unknown) => {
    if (page !== feed)
      problems.push(
        `${name}: the page says ${JSON.stringify(page)}, the feeds ${JSON.stringify(feed)}`,
      );
  };
  differ("headline", data.headline, facts.title);
  differ("datePublished", data.datePublished, facts.published);
  differ("dateModified", data.dateModified, facts.updated);
  const image =
    Array.isArray(data.image) && isObject(data.image[0]) ? data.image[0].url : undefined;
  differ("image", image, facts.imageUrl);
  const corrections = Array.isArray(data.correction)
    ? data.correction.map((one) =>
        isObject(one) ? { text: one.text, date: one.datePublished } : one,
      )
    : [];
  const pageCorrections = JSON.stringify(corrections);
  const feedCorrections = JSON.stringify(facts.corrections ?? []);
  if (pageCorrections !== feedCorrections)
    problems.push(`correction: the page says ${pageCorrections}, the feeds ${feedCorrections}`);
  differ(
    "mainEntityOfPage",
    isObject(data.mainEntityOfPage) ? data.mainEntityOfPage["@id"] : undefined,
    facts.url,
  );
  return problems;
}

/** The problems of an article page's NewsArticle data; none when it may be served. */
export function checkArticlePage(pageHtml: string, facts: FeedFacts): string[] {
  const blocks = [...pageHtml.matchAll(jsonLdPattern)].map((match) => match[1] ?? "");
  if (blocks.length !== 1) return [`expected one JSON-LD block, found ${blocks.length}`];
  let data: unknown;
  try {
    data = JSON.parse(blocks[0] ?? "");
  } catch (error) {
    return [`JSON-LD: ${error instanceof Error ? error.message : String(error)}`];
  }
  const problems = newsArticleProblems(data);
  return isObject(data) ? [...problems, ...disagreementsWithFeeds(data, facts)] : problems;
}
