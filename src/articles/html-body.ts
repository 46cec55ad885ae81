// Article HTML is sanitized once, when it enters the store: what remains is safe to put in a page
// or a feed, under the policy of sanitize-policy.ts. Scripts, iframes, event-handler attributes and
// javascript: URLs do not survive, nor does the debris their removal would leave.
import sanitizeHtml from "sanitize-html";
import { articleSanitizeOptions } from "./sanitize-policy.js";

/** Removes everything from article HTML that a page or feed reader should never run. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, articleSanitizeOptions());
}

const textEntities: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
};

/**
 * The text of an HTML fragment: every tag removed and character references decoded (the
 * sanitizer decodes them and escapes only &, <, > and ", which are decoded back here).
 */
export function plainTextOfHtml(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(
    /&(?:amp|lt|gt|quot);/g,
    (entity) => textEntities[entity] ?? entity,
  );
}

const urlAttributes = ["href", "src", "poster", "cite"] as const;
/** Cheap pre-check: HTML with none of these attributes (every scraped .txt body) is left alone. */
const mayHoldUrls = /\b(?:href|src|srcset|poster|cite)\s*=/i;

function resolveUrl(value: string, base: string): string {
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

function resolveSrcset(value: string, base: string): string {
  return value
    .split(",")
    .map((candidate) => {
      const [url = "", ...descriptor] = candidate.trim().split(/\s+/);
      return [resolveUrl(url, base), ...descriptor].join(" ");
    })
    .join(", ");
}

/**
 * Rewrites relative URLs (href, src, srcset, poster, cite) in already sanitized HTML as absolute
 * URLs against base, since many feed readers ignore xml:base.
 */
export function resolveRelativeUrls(html: string, base: string): string {
  if (!mayHoldUrls.test(html)) return html;
  return sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: {
      "*": (tagName, attribs) => {
        const resolved: Record<string, string> = { ...attribs };
        for (const name of urlAttributes) {
          const value = resolved[name];
          if (value !== undefined) resolved[name] = resolveUrl(value, base);
        }
        if (resolved.srcset !== undefined) resolved.srcset = resolveSrcset(resolved.srcset, base);
        return { tagName, attribs: resolved };
      },
    },
  });
}
