// Apple Podcasts categories: the main categories and their subcategories, spelled as Apple spells
// them in <itunes:category text="...">. Data only, from Apple's published list ("Apple Podcasts
// categories", https://podcasters.apple.com/support/1691-apple-podcasts-categories, the 2019 list
// still current). src/validate/schemas/rss.rng enumerates the same names; a test keeps the two,
// and Podcast Index's parser's own copy, in step.

export const appleCategories: Readonly<Record<string, readonly string[]>> = {
  Arts: ["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"],
  Business: ["Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"],
  Comedy: ["Comedy Interviews", "Improv", "Stand-Up"],
  Education: ["Courses", "How To", "Language Learning", "Self-Improvement"],
  Fiction: ["Comedy Fiction", "Drama", "Science Fiction"],
  Government: [],
  "Health & Fitness": [
    "Alternative Health",
    "Fitness",
    "Medicine",
    "Mental Health",
    "Nutrition",
    "Sexuality",
  ],
  History: [],
  "Kids & Family": ["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"],
  Leisure: [
    "Animation & Manga",
    "Automotive",
    "Aviation",
    "Crafts",
    "Games",
    "Hobbies",
    "Home & Garden",
    "Video Games",
  ],
  Music: ["Music Commentary", "Music History", "Music Interviews"],
  News: [
    "Business News",
    "Daily News",
    "Entertainment News",
    "News Commentary",
    "Politics",
    "Sports News",
    "Tech News",
  ],
  "Religion & Spirituality": [
    "Buddhism",
    "Christianity",
    "Hinduism",
    "Islam",
    "Judaism",
    "Religion",
    "Spirituality",
  ],
  Science: [
    "Astronomy",
    "Chemistry",
    "Earth Sciences",
    "Life Sciences",
    "Mathematics",
    "Natural Sciences",
    "Nature",
    "Physics",
    "Social Sciences",
  ],
  "Society & Culture": [
    "Documentary",
    "Personal Journals",
    "Philosophy",
    "Places & Travel",
    "Relationships",
  ],
  Sports: [
    "Baseball",
    "Basketball",
    "Cricket",
    "Fantasy Sports",
    "Football",
    "Golf",
    "Hockey",
    "Rugby",
    "Running",
    "Soccer",
    "Swimming",
    "Tennis",
    "Volleyball",
    "Wilderness",
    "Wrestling",
  ],
  Technology: [],
  "True Crime": [],
  "TV & Film": ["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"],
};

/** Why a category is not on Apple's list, or undefined when it is. */
export function appleCategoryProblem(name: string, subcategory?: string): string | undefined {
  const subcategories = Object.hasOwn(appleCategories, name) ? appleCategories[name] : undefined;
  if (subcategories === undefined) {
    return `"${name}" is not an Apple Podcasts category; one of ${Object.keys(appleCategories).join(", ")}`;
  }
  if (subcategory === undefined || subcategories.includes(subcategory)) return undefined;
  return subcategories.length === 0
    ? `"${name}" has no subcategories`
    : `"${subcategory}" is not a subcategory of "${name}"; one of ${subcategories.join(", ")}`;
}
