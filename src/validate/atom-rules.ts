// Atom rules the RFC 4287 grammar cannot state (its Schematron asserts and its prose), plus the
// date form wirefeed promises (RFC 3339 with an explicit offset).
import { XmlElement, type XmlNode } from "libxml2-wasm";
import { isRfc3339DateTime } from "./dates.js";
import { findDuplicates } from "./duplicates.js";
import { quoteValue } from "./problem.js";
import { problemAt, selectNodes, uniqueText, type XmlRule } from "./xml-rules.js";

const atomNamespace = "http://www.w3.org/2005/Atom";
const ns = { atom: atomNamespace, at: "http://purl.org/atompub/tombstones/1.0" };

/** The grammar also accepts an Atom Entry Document; a feed must be atom:feed. */
const rootIsFeed: XmlRule = (document) => {
  const root = document.root;
  if (root.name === "feed" && root.namespaceUri === atomNamespace) return [];
  const found = root.namespaceUri === "" ? root.name : `{${root.namespaceUri}}${root.name}`;
  return [problemAt(root, `the root element must be atom:feed, not ${found}`)];
};

/** RFC 4287 §4.2.6: an absolute IRI (a scheme, no white space; never normalised). */
const idsAreAbsoluteIris: XmlRule = (document) =>
  selectNodes(document, "//atom:id", ns)
    .filter((node) => !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(node.content))
    .map((node) => problemAt(node, `atom:id ${quoteValue(node.content)} is not an absolute IRI`));

/** RFC 4287 §3.3 and wirefeed's rule: "2014-10-20T08:00:00Z" or with a numeric offset. */
const datesHaveOffsets: XmlRule = (document) =>
  ["updated", "published"].flatMap((name) =>
    selectNodes(document, `//atom:${name}`, ns)
      .filter((node) => !isRfc3339DateTime(node.content))
      .map((node) =>
        problemAt(
          node,
          `atom:${name} ${quoteValue(node.content)} is not an RFC 3339 date-time with an upper-case T and an offset (e.g. 2014-10-20T08:00:00Z)`,
        ),
      ),
  );

/** RFC 4287 §4.1.1: a feed without atom:author needs one in every entry. */
const everyEntryHasAuthor: XmlRule = (document) =>
  selectNodes(
    document,
    "/atom:feed[not(atom:author)]/atom:entry[not(atom:author) and not(atom:source/atom:author)]",
    ns,
  ).map((node) => problemAt(node, "atom:entry has no atom:author, and neither has its feed"));

/** RFC 4287 §4.1.1: an entry without atom:content needs an alternate link. */
const everyEntryHasContentOrLink: XmlRule = (document) =>
  selectNodes(
    document,
    "/atom:feed/atom:entry[not(atom:content or atom:link[not(@rel) or @rel='alternate'])]",
    ns,
  ).map((node) =>
    problemAt(node, 'atom:entry has neither atom:content nor a link with rel="alternate"'),
  );

/** RFC 4287 §4.1.1.1: out-of-line content (content/@src) needs a summary. */
const outOfLineContentHasSummary: XmlRule = (document) =>
  selectNodes(document, "/atom:feed/atom:entry[atom:content/@src and not(atom:summary)]", ns).map(
    (node) => problemAt(node, "atom:entry has atom:content with src but no atom:summary"),
  );

function linkKey(link: XmlNode): string | undefined {
  if (!(link instanceof XmlElement)) return undefined;
  return `${link.attr("type")?.value ?? ""} ${link.attr("hreflang")?.value ?? ""}`;
}

/** RFC 4287 §4.1.1, §4.1.2: one alternate link per type and hreflang, in a feed or an entry. */
const alternateLinksDiffer: XmlRule = (document) =>
  selectNodes(document, "/atom:feed | /atom:feed/atom:entry", ns).flatMap((parent) =>
    findDuplicates(parent.find("atom:link[not(@rel) or @rel='alternate']", ns), linkKey).map(
      ({ first, repeat }) =>
        problemAt(
          repeat,
          `a second alternate atom:link with the same type and hreflang (first on line ${first.line})`,
        ),
    ),
  );

/**
 * RFC 6721 §2: a tombstone's ref is an entry id (an absolute IRI), its when a date-time in the
 * form wirefeed promises, and no two tombstones share both.
 */
const tombstonesAreWellFormed: XmlRule = (document) => {
  const tombstones = selectNodes(document, "/atom:feed/at:deleted-entry", ns).filter(
    (node): node is XmlElement => node instanceof XmlElement,
  );
  const problems = tombstones.flatMap((node) => {
    const ref = node.attr("ref")?.value ?? "";
    const when = node.attr("when")?.value ?? "";
    const found = [];
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(ref))
      found.push(problemAt(node, `at:deleted-entry ref ${quoteValue(ref)} is not an absolute IRI`));
    if (!isRfc3339DateTime(when))
      found.push(
        problemAt(
          node,
          `at:deleted-entry when ${quoteValue(when)} is not an RFC 3339 date-time with an upper-case T and an offset`,
        ),
      );
    return found;
  });
  const repeated = findDuplicates(
    tombstones,
    (node) => `${node.attr("ref")?.value} ${node.attr("when")?.value}`,
  ).map(({ key, first, repeat }) =>
    problemAt(
      repeat,
      `duplicate at:deleted-entry (ref and when) ${quoteValue(key)} (first on line ${first.line})`,
    ),
  );
  return [...problems, ...repeated];
};

export const atomRules: readonly XmlRule[] = [
  rootIsFeed,
  idsAreAbsoluteIris,
  uniqueText("entry atom:id", "/atom:feed/atom:entry/atom:id", ns),
  datesHaveOffsets,
  everyEntryHasAuthor,
  everyEntryHasContentOrLink,
  outOfLineContentHasSummary,
  alternateLinksDiffer,
  tombstonesAreWellFormed,
];
