// Every rule the open validator reports, with its severity, what it means in a few words (the
// README lists them from here) and, when the rule has its own, the specification section. A rule
// without one links to the specification of the element concerned.

export interface RuleInfo {
  severity: "error" | "warning";
  summary: string;
  spec?: string;
}

const xmlSpec = "https://www.w3.org/TR/xml/";
const rssProfile = "https://www.rssboard.org/rss-profile";
const jsonFeed = "https://www.jsonfeed.org/version/1.1/";
const apple = "https://podcasters.apple.com/support/823-podcast-requirements";

function rule(severity: RuleInfo["severity"], summary: string, spec?: string): RuleInfo {
  return spec === undefined ? { severity, summary } : { severity, summary, spec };
}

export const ruleCatalog = {
  // The document
  "xml-not-well-formed": rule(
    "error",
    "the document is not well-formed XML (the first fatal error only)",
    `${xmlSpec}#sec-well-formed`,
  ),
  "xml-undefined-entity": rule(
    "error",
    "an entity reference XML does not define, such as &nbsp;",
    `${xmlSpec}#wf-entdeclared`,
  ),
  "xml-encoding": rule(
    "error",
    "the bytes cannot be read in the declared (or default UTF-8) encoding",
    `${xmlSpec}#charencoding`,
  ),
  "xml-doctype-entities": rule(
    "warning",
    "the DOCTYPE declares entities (never expanded or fetched)",
    `${xmlSpec}#sec-entity-decl`,
  ),
  "unknown-root": rule("error", "the root element is not <rss>, an Atom <feed> or an Atom <entry>"),
  "unknown-document": rule("error", "the document is neither XML nor JSON"),
  // Elements and attributes
  "unknown-element": rule(
    "error",
    "an element the format does not define, outside any extension namespace",
  ),
  "unknown-extension": rule(
    "warning",
    "an element of a namespace this validator does not know (once per name)",
    "https://www.w3.org/TR/xml-names/",
  ),
  "unknown-extension-element": rule(
    "warning",
    "an element a known extension namespace does not define (once per name)",
  ),
  "misplaced-element": rule("error", "an element in a parent where the format does not allow it"),
  "misplaced-extension-element": rule(
    "warning",
    "an extension element in a parent where its specification does not put it",
  ),
  "missing-element": rule("error", "a required element is missing"),
  "duplicate-element": rule("error", "an element that may appear once appears more than once"),
  "missing-attribute": rule("error", "a required attribute is missing"),
  "empty-value": rule("error", "an element that needs a value is empty"),
  "invalid-value": rule("error", "a value that is not one of those the specification lists"),
  "duplicate-value": rule(
    "error",
    "the same value listed twice where each may appear once (skipHours, skipDays)",
  ),
  "duplicate-id": rule(
    "warning",
    "two items or entries share an identifier (guid, atom:id, JSON id)",
  ),
  // Value forms
  "invalid-uri": rule(
    "error",
    "not a URI: whitespace, characters that must be escaped, relative where a full URI is required",
    "https://www.rfc-editor.org/rfc/rfc3986#section-2",
  ),
  "invalid-email": rule(
    "error",
    "not an e-mail address in a form readers take",
    "https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1",
  ),
  "invalid-rfc822-date": rule(
    "error",
    "not an RFC 822 date-time, or an impossible one (31 Jun, a wrong weekday)",
    "https://www.rfc-editor.org/rfc/rfc822#section-5",
  ),
  "problematic-rfc822-date": rule(
    "warning",
    "an RFC 822 date readers misread: two-digit year, military zone",
    `${rssProfile}#data-types-datetime`,
  ),
  "invalid-rfc3339-date": rule(
    "error",
    "not an RFC 3339 date-time, or an impossible one",
    "https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
  ),
  "invalid-number": rule(
    "error",
    "not a whole number, zero where a positive one is required, or out of range",
  ),
  "invalid-media-type": rule(
    "error",
    "not a media type such as audio/mpeg",
    "https://www.rfc-editor.org/rfc/rfc6838#section-4.2",
  ),
  "invalid-language": rule(
    "error",
    "not a language tag such as en-us",
    "https://www.rfc-editor.org/rfc/rfc5646",
  ),
  "invalid-base64": rule(
    "error",
    "content declared as base64 is not base64",
    "https://www.rfc-editor.org/rfc/rfc4648#section-4",
  ),
  "invalid-uuid": rule("error", "not a UUID"),
  // RSS 2.0
  "rss-version": rule("warning", "<rss> version is not 2.0"),
  "rss-item-title-or-description": rule(
    "error",
    "an item with neither a title nor a description",
    "https://www.rssboard.org/rss-specification#hrelementsOfLtitemgt",
  ),
  "rss-guid-not-permalink": rule(
    "error",
    "a guid that is a permalink (the default) but not a full http(s) URL",
    "https://www.rssboard.org/rss-specification#ltguidgtSubelementOfLtitemgt",
  ),
  "rss-multiple-enclosures": rule(
    "warning",
    "an item with more than one enclosure",
    `${rssProfile}#element-channel-item-enclosure`,
  ),
  "rss-hour-24": rule(
    "warning",
    "skipHours lists 24, which the spec writes as 0",
    "https://www.rssboard.org/skip-hours-days#skiphours",
  ),
  // Atom
  "atom-missing-author": rule(
    "error",
    "an entry without an author where the feed has none either",
    "https://www.rfc-editor.org/rfc/rfc4287#section-4.1.1",
  ),
  "atom-missing-alternate": rule(
    "error",
    'an entry without content and without a link rel="alternate"',
    "https://www.rfc-editor.org/rfc/rfc4287#section-4.1.1",
  ),
  "atom-missing-summary": rule(
    "error",
    "an entry whose content has src or is not text, without a summary",
    "https://www.rfc-editor.org/rfc/rfc4287#section-4.1.1",
  ),
  "atom-duplicate-alternate": rule(
    "error",
    "two alternate links with the same type and hreflang",
    "https://www.rfc-editor.org/rfc/rfc4287#section-4.1.1",
  ),
  "atom-xhtml-div": rule(
    "error",
    'type="xhtml" content that is not one xhtml:div',
    "https://www.rfc-editor.org/rfc/rfc4287#section-3.1.1.3",
  ),
  "atom-content-src-not-empty": rule(
    "error",
    "content with a src attribute that is not empty",
    "https://www.rfc-editor.org/rfc/rfc4287#section-4.1.3.2",
  ),
  "atom-text-markup": rule(
    "error",
    'child elements inside type="text" or type="html" text',
    "https://www.rfc-editor.org/rfc/rfc4287#section-3.1.1",
  ),
  // Extensions
  "itunes-explicit-legacy": rule(
    "warning",
    "itunes:explicit as yes, no or clean instead of true or false",
    apple,
  ),
  "itunes-image-type": rule("error", "itunes:image that is not a .jpg or .png URL", apple),
  "itunes-category": rule(
    "error",
    "itunes:category not on Apple's list",
    "https://podcasters.apple.com/support/1691-apple-podcasts-categories",
  ),
  "itunes-duration": rule("error", "itunes:duration not in seconds, MM:SS or HH:MM:SS", apple),
  "podcast-value-split": rule(
    "error",
    "podcast:valueRecipient without a whole-number split",
    "https://podcastindex.org/namespace/1.0#value-recipient",
  ),
  // Podcast directories
  "podcast-directory-missing": rule("error", "a tag Apple Podcasts requires is missing", apple),
  "podcast-directory-advice": rule(
    "warning",
    "a tag Apple Podcasts or Podcast Index recommends is missing",
    apple,
  ),
  "podcast-enclosure-type": rule(
    "error",
    "an episode's media type Apple Podcasts does not take",
    apple,
  ),
  "podcast-local-media": rule(
    "error",
    "an enclosure whose length or type disagrees with the local media file",
    "https://www.rssboard.org/rss-specification#ltenclosuregtSubelementOfLtitemgt",
  ),
  "podcast-artwork-size": rule(
    "error",
    "local artwork that is not a square JPEG or PNG of 1400 to 3000 pixels",
    apple,
  ),
  // JSON Feed
  "json-syntax": rule(
    "error",
    "the document is not JSON (RFC 8259)",
    "https://www.rfc-editor.org/rfc/rfc8259",
  ),
  "json-encoding": rule(
    "error",
    "the JSON document is not UTF-8",
    "https://www.rfc-editor.org/rfc/rfc8259#section-8.1",
  ),
  "json-version": rule("error", "version is not a JSON Feed 1.0 or 1.1 URL", jsonFeed),
  "json-missing-member": rule("error", "a required JSON Feed member is missing", jsonFeed),
  "json-type": rule(
    "error",
    "a member of the wrong type (string, number, array, object)",
    jsonFeed,
  ),
  "json-unknown-member": rule(
    "warning",
    "a member JSON Feed does not define and that does not start with _",
    `${jsonFeed}#extensions`,
  ),
  "json-item-content": rule(
    "error",
    "an item with neither content_html nor content_text",
    jsonFeed,
  ),
  "json-deprecated": rule(
    "warning",
    "a 1.0 member used in a 1.1 feed (author, not authors)",
    jsonFeed,
  ),
} satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof ruleCatalog;
