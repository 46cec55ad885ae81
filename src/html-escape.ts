// Escaping text for HTML: the five characters that could end a text node or an attribute value.

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);
}

/**
 * Escapes for HTML only what an HTML reader would take for markup: a `<` that opens a tag (before
 * a letter, `/`, `!` or `?`) and a `&` that opens a character reference (`&#…`, `&name;`). Every
 * other character stays itself, so a reader that shows the text as it is sees "AT&T" and "1 < 2"
 * unchanged. For RSS titles, which some readers read as HTML and others as text (README, *Titles
 * with markup-like text*).
 */
export function escapeMarkupLikeText(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])|&(?=#|[A-Za-z][A-Za-z0-9]*;)/g, (ch) => escapes[ch] ?? ch);
}
