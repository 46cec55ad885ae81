// What article HTML may keep, as sanitize-html options: the one policy every place that cleans an
// article body uses, so a body cleaned here or in another thread comes out the same. Besides
// removing what could run (scripts, frames, handlers, javascript: URLs), it leaves no debris of
// what it removed: an image whose source went (or never was) is dropped, a kept image always has
// an alt (empty when none was typed: decorative, which screen readers skip), and a link whose
// href went is unwrapped to its text rather than left as inert link-coloured words.
import sanitizeHtml from "sanitize-html";

const allowedTags = [
  ...sanitizeHtml.defaults.allowedTags,
  "img",
  "figure",
  "figcaption",
  "picture",
  "source",
  "audio",
  "video",
  "track",
  "del",
  "ins",
  "sup",
  "sub",
];

/** Whether an attribute survived the sanitizer with a value. */
function hasValue(attributes: Record<string, string>, name: string): boolean {
  return (attributes[name] ?? "").trim() !== "";
}

/**
 * Called by sanitize-html on each element once its attributes are filtered: true drops the
 * element with its content, "excludeTag" drops only its tags and keeps its content.
 */
function leavesDebris(frame: sanitizeHtml.IFrame): boolean | "excludeTag" {
  if (frame.tag === "img")
    return !hasValue(frame.attribs, "src") && !hasValue(frame.attribs, "srcset");
  if (frame.tag === "a" && !hasValue(frame.attribs, "href")) return "excludeTag";
  return false;
}

export const articleSanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes: {
    a: ["href", "title", "rel", "hreflang"],
    img: ["src", "srcset", "sizes", "alt", "title", "width", "height", "loading"],
    source: ["src", "srcset", "sizes", "type", "media"],
    audio: ["src", "controls", "preload"],
    video: ["src", "poster", "controls", "preload", "width", "height"],
    track: ["src", "kind", "srclang", "label"],
    td: ["colspan", "rowspan", "align"],
    th: ["colspan", "rowspan", "align", "scope"],
    ol: ["start", "reversed", "type"],
    blockquote: ["cite"],
    q: ["cite"],
    code: ["class"],
    abbr: ["title"],
    time: ["datetime"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  allowedSchemesByTag: { img: ["http", "https", "data"] },
  allowProtocolRelative: true,
  transformTags: {
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, alt: attribs.alt ?? "" } }),
  },
  exclusiveFilter: leavesDebris,
};
