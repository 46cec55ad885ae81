// Where each vocabulary's specification lives, and, for RSS 2.0, the section of each element.
import { ns } from "./namespaces.js";

const rssSpec = "https://www.rssboard.org/rss-specification";

const rssSections: Record<string, string> = {
  rss: "#whatIsRss",
  channel: "#requiredChannelElements",
  title: "#requiredChannelElements",
  link: "#requiredChannelElements",
  description: "#requiredChannelElements",
  item: "#hrelementsOfLtitemgt",
  enclosure: "#ltenclosuregtSubelementOfLtitemgt",
  guid: "#ltguidgtSubelementOfLtitemgt",
  source: "#ltsourcegtSubelementOfLtitemgt",
  category: "#ltcategorygtSubelementOfLtitemgt",
  comments: "#ltcommentsgtSubelementOfLtitemgt",
  author: "#ltauthorgtSubelementOfLtitemgt",
  pubDate: "#optionalChannelElements",
  cloud: "#ltcloudgtSubelementOfLtchannelgt",
  ttl: "#ltttlgtSubelementOfLtchannelgt",
  image: "#ltimagegtSubelementOfLtchannelgt",
  url: "#ltimagegtSubelementOfLtchannelgt",
  width: "#ltimagegtSubelementOfLtchannelgt",
  height: "#ltimagegtSubelementOfLtchannelgt",
  textInput: "#lttextinputgtSubelementOfLtchannelgt",
  name: "#lttextinputgtSubelementOfLtchannelgt",
  skipHours: "https://www.rssboard.org/skip-hours-days#skiphours",
  hour: "https://www.rssboard.org/skip-hours-days#skiphours",
  skipDays: "https://www.rssboard.org/skip-hours-days#skipdays",
  day: "https://www.rssboard.org/skip-hours-days#skipdays",
};

const namespaceSpecs: Record<string, string> = {
  [ns.atom]: "https://www.rfc-editor.org/rfc/rfc4287",
  [ns.content]: "https://web.resource.org/rss/1.0/modules/content/",
  [ns.dc]: "https://www.dublincore.org/specifications/dublin-core/dces/",
  [ns.dcterms]: "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/",
  [ns.media]: "https://www.rssboard.org/media-rss",
  [ns.itunes]: "https://podcasters.apple.com/support/823-podcast-requirements",
  [ns.podcast]: "https://podcastindex.org/namespace/1.0",
  [ns.fh]: "https://www.rfc-editor.org/rfc/rfc5005",
  [ns.thr]: "https://www.rfc-editor.org/rfc/rfc4685",
  [ns.tombstones]: "https://www.rfc-editor.org/rfc/rfc6721",
};

/** The specification (and section, when known) that defines an element. */
export function specOfElement(uri: string, local: string): string {
  if (uri === "") {
    const section = rssSections[local] ?? "";
    return section.startsWith("https:") ? section : `${rssSpec}${section}`;
  }
  return namespaceSpecs[uri] ?? "https://www.w3.org/TR/xml-names/";
}
