// URL slugs from titles: lowercase ASCII letters, digits and hyphens.

/** "Budget: what's new in 2026?" → "budget-what-s-new-in-2026"; "" when nothing is left. */
export function slugFromTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}
