import { describe, expect, it } from "vitest";
import { renderAtom } from "../../src/formats/atom.js";
import { renderJsonFeed } from "../../src/formats/jsonfeed.js";
import { renderRss } from "../../src/formats/rss.js";
import { detectFeedKind, type FeedKind } from "../../src/validate/index.js";
import { sampleFeed } from "./sample-feed.js";

describe("detectFeedKind", () => {
  it.each<{ kind: FeedKind; render: () => string }>([
    { kind: "rss", render: () => renderRss(sampleFeed()) },
    { kind: "atom", render: () => renderAtom(sampleFeed()) },
    { kind: "json", render: () => renderJsonFeed(sampleFeed()) },
  ])("recognises the renderer's $kind output", ({ kind, render }) => {
    expect(detectFeedKind(render())).toBe(kind);
  });

  it.each<{ name: string; text: string; kind: FeedKind }>([
    {
      name: "RSS after a byte order mark, comments and a processing instruction",
      text: '\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<?xml-stylesheet href="rss.xsl" type="text/xsl"?>\n<rss version="2.0"><channel/></rss>',
      kind: "rss",
    },
    {
      name: "RSS after a DOCTYPE",
      text: '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"/>',
      kind: "rss",
    },
    {
      name: "Atom with a prefix",
      text: "<a:feed xmlns:a='http://www.w3.org/2005/Atom'><a:id>x</a:id></a:feed>",
      kind: "atom",
    },
    {
      name: "Atom declaring other namespaces first",
      text: '<feed\n  xmlns:media="http://search.yahoo.com/mrss/"\n  xmlns="http://www.w3.org/2005/Atom"\n  xml:lang="en">',
      kind: "atom",
    },
    {
      name: "JSON Feed 1.0",
      text: '  {"version": "https://jsonfeed.org/version/1", "title": "x", "items": []}',
      kind: "json",
    },
    {
      name: "JSON Feed 1.1 whose items are wrong",
      text: '{"version": "https://jsonfeed.org/version/1.1", "items": 3}',
      kind: "json",
    },
  ])("recognises $name", ({ text, kind }) => {
    expect(detectFeedKind(text)).toBe(kind);
  });

  it.each<{ name: string; text: string }>([
    { name: "an empty text", text: "" },
    { name: "white space", text: " \n\t" },
    { name: "plain text", text: "rss feed" },
    { name: "an HTML page", text: "<!DOCTYPE html><html><head><title>x</title></head></html>" },
    { name: "a feed element outside the Atom namespace", text: "<feed><id>x</id></feed>" },
    {
      name: "a feed element whose prefix is not Atom's",
      text: '<a:feed xmlns="http://www.w3.org/2005/Atom" xmlns:a="urn:other"/>',
    },
    {
      name: "RSS 1.0 (RDF)",
      text: '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"/>',
    },
    { name: "an rss element with a prefix", text: '<x:rss xmlns:x="urn:x" version="2.0"/>' },
    { name: "JSON without a version", text: '{"title": "x", "items": []}' },
    { name: "JSON with another version", text: '{"version": "1.1", "items": []}' },
    { name: "a JSON array", text: '[{"version": "https://jsonfeed.org/version/1.1"}]' },
    { name: "malformed JSON", text: '{"version": "https://jsonfeed.org/version/1.1",' },
  ])("returns undefined for $name", ({ text }) => {
    expect(detectFeedKind(text)).toBeUndefined();
  });
});
