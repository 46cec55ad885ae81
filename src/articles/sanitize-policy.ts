// What article HTML may keep, as sanitize-html options: the one policy every place that cleans an
// article body uses, so a body cleaned here or in another thread comes out the same. Besides
// removing what could run (scripts, frames, handlers, javascript: URLs), it leaves no debris of
// what it removed: an image whose source went (or never was) is dropped, a kept image always has
// an alt (empty when none was typed: decorative, which screen readers skip), and a link whose
// href went is unwrapped to its text rather than left as inert link-coloured words; a paragraph
// left with neither text nor media goes, and so does a figure left with no media.
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

/** Elements a reader sees as content with no text: what keeps a paragraph or figure. */
const mediaTags = new Set(["img", "picture", "audio", "video"]);

/**
 * A filter called by sanitize-html on each element once its attributes are filtered (innermost
 * first): true drops the element with its content, "excludeTag" drops only its tags. It also drops
 * a paragraph left with neither text nor media, and a figure left with no media (a caption alone).
 * One filter cleans one body: it keeps where the kept media start in the output.
 */
function debrisFilter(): (frame: sanitizeHtml.IFrame) => boolean | "excludeTag" {
  let keptMedia: number[] = [];
  // The text of an unwrapped link does not reach its parent's frame.text: where it starts is kept.
  const unwrappedText: number[] = [];
  const inside = (positions: number[], frame: sanitizeHtml.IFrame) =>
    positions.some((position) => position > frame.tagPosition);
  const holdsMedia = (frame: sanitizeHtml.IFrame) => inside(keptMedia, frame);
  return (frame) => {
    if (
      frame.tag === "img" &&
      !hasValue(frame.attribs, "src") &&
      !hasValue(frame.attribs, "srcset")
    )
      return true;
    if (frame.tag === "a" && !hasValue(frame.attribs, "href")) {
      // Its opening tag leaves the output: what follows it moves back by its length.
      // (sanitize-html's frames carry openingTagLength, which its typings leave out.)
      const { openingTagLength } = frame as sanitizeHtml.IFrame & { openingTagLength: number };
      keptMedia = keptMedia.map((position) =>
        position > frame.tagPosition ? position - openingTagLength : position,
      );
      if (frame.text.trim() !== "") unwrappedText.push(frame.tagPosition);
      return "excludeTag";
    }
    if (frame.tag === "p")
      return frame.text.trim() === "" && !holdsMedia(frame) && !inside(unwrappedText, frame);
    if (frame.tag === "figure") return !holdsMedia(frame);
    if (mediaTags.has(frame.tag)) keptMedia.push(frame.tagPosition);
    return false;
  };
}

/** The options for cleaning one article body (each body needs its own: see debrisFilter). */
export function articleSanitizeOptions(): sanitizeHtml.IOptions {
  return {
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
    exclusiveFilter: debrisFilter(),
  };
}
