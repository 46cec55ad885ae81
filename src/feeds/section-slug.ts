// Slugs for tag and author names, used in /tags/<slug>/ and /authors/<slug>/. They are stable (a
// function of the name alone, so a new tag never changes an old one's URL), URL-safe, and differ
// for names that differ other than by case and spacing.

const plainName = /^[A-Za-z0-9 -]+$/;

/** Slugs already made, by name: every rebuild asks again for the same few thousand names. */
const slugs = new Map<string, string>();
const slugCacheLimit = 100_000;

/**
 * "World News" → "world-news"; a name with other characters keeps them percent-encoded:
 * "C++" → "c%2B%2B", "عربي" → "%D8%B9%D8%B1%D8%A8%D9%8A". Dots, slashes and backslashes become
 * hyphens, so no slug can be a path segment such as "..".
 */
export function sectionSlug(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = computeSectionSlug(name);
    if (slugs.size >= slugCacheLimit) slugs.clear();
    slugs.set(name, slug);
  }
  return slug;
}

function computeSectionSlug(name: string): string {
  const words = name
    .normalize("NFC")
    .trim()
    .toLowerCase()
    .replace(/[\s/\\.]+/g, "-")
    .replace(/^-+|-+$/g, "");
  // A name of dots or slashes alone has no word left: its bytes in hex keep it distinct.
  if (words === "") return `x${Buffer.from(name, "utf8").toString("hex")}`;
  if (plainName.test(name.trim())) return words;
  return encodeURIComponent(words);
}
