// wirefeed's XML writer (src/formats/xml-document.ts) against xmlbuilder2, the serializer it
// replaced: for any tree of elements, attributes and text, the two write the same bytes. The
// xmlbuilder2 side is built the way wirefeed used it: every value cleaned of the characters XML
// forbids and every "&" escaped first (xmlbuilder2 leaves "&amp;"-like text alone), a prefixed
// name given its namespace, the document pretty-printed with two spaces.
import { fc, test } from "@fast-check/vitest";
import { XmlDocument } from "libxml2-wasm";
import { describe, expect, it } from "vitest";
import { create } from "xmlbuilder2";
import {
  addElement,
  addTextElement,
  addWritten,
  createXmlDocument,
  serializeXml,
  writeAhead,
  type XmlElement,
  type XmlPrefix,
  xmlNamespaces,
} from "../../src/formats/xml-document.js";
import { cleanText } from "../../src/xml-text.js";
import { shortHostileText } from "../support/hostile-text.js";

/** One element to write: its name, attributes, and text or children (or both, or neither). */
interface ElementPlan {
  name: string;
  attributes: [string, string][];
  text?: string;
  children: ElementPlan[];
}

const names = [
  "item",
  "title",
  "link",
  "content:encoded",
  "atom:link",
  "podcast:guid",
  "media:content",
  "itunes:image",
  "dc:creator",
];
const attributeNames = [
  "href",
  "rel",
  "type",
  "isPermaLink",
  "xml:lang",
  "xmlns:podcast",
  "xmlns:media",
];

const value = fc.oneof(
  shortHostileText,
  fc.constantFrom("", "&", "&amp;", "&#1;", "&nbsp;", "<b>", '"quoted"', "'", "a > b"),
);

/** Elements nested up to `depth` levels below this one. */
function elementPlan(depth: number): fc.Arbitrary<ElementPlan> {
  return fc.record(
    {
      name: fc.constantFrom(...names),
      attributes: fc.uniqueArray(fc.tuple(fc.constantFrom(...attributeNames), value), {
        maxLength: 3,
        selector: ([name]) => name,
      }),
      text: value,
      children: depth === 0 ? fc.constant([]) : fc.array(elementPlan(depth - 1), { maxLength: 3 }),
    },
    { requiredKeys: ["name", "attributes", "children"] },
  );
}

/** A declared prefix's namespace as namespaceDeclarations writes it. */
function attributesOf(plan: ElementPlan): Record<string, string> {
  return Object.fromEntries(
    plan.attributes.map(([name, text]) => {
      const prefix = name.startsWith("xmlns:") ? (name.slice(6) as XmlPrefix) : undefined;
      return [name, prefix === undefined ? text : xmlNamespaces[prefix]];
    }),
  );
}

function addPlanned(parent: XmlElement, plan: ElementPlan): void {
  const element =
    plan.text === undefined
      ? addElement(parent, plan.name, attributesOf(plan))
      : addTextElement(parent, plan.name, plan.text, attributesOf(plan));
  for (const child of plan.children) addPlanned(element, child);
}

function writtenByWirefeed(root: ElementPlan): string {
  const document = createXmlDocument();
  addPlanned(document, root);
  return serializeXml(document);
}

type Builder = ReturnType<typeof create>;

function writtenByXmlbuilder2(root: ElementPlan): string {
  const escaped = (text: string) => cleanText(text).replaceAll("&", "&amp;");
  const document = create({ version: "1.0", encoding: "UTF-8" });
  const add = (parent: Builder, plan: ElementPlan): void => {
    const attributes = Object.fromEntries(
      Object.entries(attributesOf(plan)).map(([name, text]) => [name, escaped(text)]),
    );
    const colon = plan.name.indexOf(":");
    const element =
      colon < 0
        ? parent.ele(plan.name, attributes)
        : parent.ele(xmlNamespaces[plan.name.slice(0, colon) as XmlPrefix], plan.name, attributes);
    if (plan.text !== undefined) element.txt(escaped(plan.text));
    for (const child of plan.children) add(element, child);
  };
  add(document, root);
  return `${document.end({ prettyPrint: true, indent: "  " })}\n`;
}

describe("the XML writer", () => {
  test.prop([elementPlan(3)], { numRuns: 400 })(
    "writes the same bytes as xmlbuilder2 for any tree",
    (plan) => {
      expect(writtenByWirefeed(plan)).toBe(writtenByXmlbuilder2(plan));
    },
  );

  test.prop([elementPlan(3)], { numRuns: 200 })("writes well-formed XML", (plan) => {
    XmlDocument.fromString(writtenByWirefeed(plan)).dispose();
  });

  it("declares a prefix where no ancestor has, escapes values, and closes empty elements", () => {
    const document = createXmlDocument();
    const rss = addElement(document, "rss", { version: "2.0", "xmlns:atom": xmlNamespaces.atom });
    const channel = addElement(rss, "channel");
    addElement(channel, "atom:link", { href: 'https://e.example/?a=1&b="2"' });
    addTextElement(channel, "podcast:guid", "a < b & c\u0000");
    addTextElement(channel, "title", "");
    expect(serializeXml(document)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        "  <channel>",
        '    <atom:link href="https://e.example/?a=1&amp;b=&quot;2&quot;"/>',
        '    <podcast:guid xmlns:podcast="https://podcastindex.org/namespace/1.0">a &lt; b &amp; c</podcast:guid>',
        "    <title/>",
        "  </channel>",
        "</rss>",
        "",
      ].join("\n"),
    );
  });

  test.prop([fc.array(elementPlan(2), { maxLength: 3 })], { numRuns: 200 })(
    "writes elements written ahead as it writes them in place",
    (plans) => {
      const under = (place: (channel: XmlElement) => void) => {
        const document = createXmlDocument();
        const rss = addElement(document, "rss", { "xmlns:atom": xmlNamespaces.atom });
        place(addElement(rss, "channel"));
        return serializeXml(document);
      };
      const inPlace = under((channel) => {
        for (const plan of plans) addPlanned(channel, plan);
      });
      const ahead = under((channel) => {
        for (const plan of plans)
          addWritten(
            channel,
            writeAhead(channel, (holder) => addPlanned(holder, plan)),
          );
      });
      expect(ahead).toBe(inPlace);
    },
  );

  it("refuses elements written ahead for another depth or other declarations", () => {
    const document = createXmlDocument();
    const rss = addElement(document, "rss", { "xmlns:atom": xmlNamespaces.atom });
    const channel = addElement(rss, "channel");
    const written = writeAhead(channel, (holder) => addTextElement(holder, "title", "T"));
    expect(() => addWritten(rss, written)).toThrow(/written for/);
    const bare = addElement(addElement(createXmlDocument(), "rss"), "channel");
    expect(() => addWritten(bare, written)).toThrow(/written for/);
    addWritten(addElement(rss, "channel"), written);
  });

  it("refuses a prefix it has no namespace for", () => {
    expect(() => addElement(createXmlDocument(), "foo:bar")).toThrow(
      /unknown namespace prefix "foo"/,
    );
  });
});
