// The summary of an article whose front matter gives none: its first paragraph of body text, as
// plain text. A caption, a figure or a heading is not body text, so a story that opens with its
// lead image is summarised by its first real paragraph, never by the picture's caption.
import { marked, type Token, type Tokens } from "marked";
import { plainTextOfHtml } from "./html-body.js";

/** How captions and credits under a picture usually begin: "Photo: …", "Image by …". */
const captionLabel = /^(photo|picture|image|illustration|caption|credit|video)s?\s*(:|\||by\b)/i;

/** Markup of a picture or figure written as HTML in Markdown. */
const figureMarkup = /<(img|picture|figure|figcaption|video)\b/i;

function isImage(token: Token): boolean {
  if (token.type === "image") return true;
  return token.type === "link" && (token as Tokens.Link).tokens.some(isImage);
}

/** A paragraph that shows a picture; any text beside it is the picture's caption. */
function holdsImage(paragraph: Tokens.Paragraph): boolean {
  return figureMarkup.test(paragraph.raw) || paragraph.tokens.some(isImage);
}

/** A paragraph written wholly in emphasis (`*Photo: Reuters*`), as captions under pictures are. */
function isWhollyEmphasized(paragraph: Tokens.Paragraph): boolean {
  const parts = paragraph.tokens.filter((token) => token.raw.trim() !== "");
  const [only] = parts;
  return parts.length === 1 && (only?.type === "em" || only?.type === "strong");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The first paragraph of body text in a Markdown body, given as the tokens marked's lexer made of
 * it (the same tokens the body is rendered from, so the text is lexed once), as plain text.
 * Headings, lists, quotes and HTML blocks are passed over; so are paragraphs that show a picture,
 * the caption-like paragraph right after a picture (wholly emphasized, or starting "Photo:",
 * "Credit:" …), and a paragraph that repeats the lead image's `caption`.
 */
export function firstBodyParagraph(tokens: readonly Token[], caption?: string): string | undefined {
  const knownCaption = caption === undefined ? undefined : oneLine(caption);
  let afterPicture = false;
  for (const token of tokens) {
    if (token.type === "space") continue;
    if (token.type !== "paragraph") {
      afterPicture = token.type === "html" && figureMarkup.test(token.raw);
      continue;
    }
    const paragraph = token as Tokens.Paragraph;
    if (holdsImage(paragraph)) {
      afterPicture = true;
      continue;
    }
    const text = oneLine(plainTextOfHtml(marked.parser([paragraph])));
    const captionLike = afterPicture && (isWhollyEmphasized(paragraph) || captionLabel.test(text));
    afterPicture = false;
    if (text === "" || captionLike || text === knownCaption) continue;
    return text;
  }
  return undefined;
}

/** The first paragraph of scraped text that is not the lead image's caption. */
export function firstScrapedParagraph(
  paragraphs: readonly string[],
  caption?: string,
): string | undefined {
  const knownCaption = caption === undefined ? undefined : oneLine(caption);
  return paragraphs.find((paragraph) => {
    const text = oneLine(paragraph);
    return text !== "" && text !== knownCaption;
  });
}
