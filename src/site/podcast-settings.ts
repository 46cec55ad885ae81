// The `podcast` block of site.json: what the podcast feed's channel says about the show. Checked
// once at start with the rest of the site metadata (src/site/site-metadata.ts, checked by src/config.ts).
import { z } from "zod";
import type { PodcastCategory } from "../model.js";
import { appleCategoryProblem } from "./apple-categories.js";
import { podcastGuidPattern } from "./podcast-guid.js";

/** An absolute http(s) URL, or a path on the site ("/media/cover.jpg"). */
const siteUrlOrPath = z.string().refine((text) => /^(?:https?:\/\/|\/)\S+$/i.test(text), {
  message: "expected an absolute http(s) URL or a path starting with /",
});

/** Podcasting 2.0 asks for labels and names of at most 128 characters. */
const shortLabel = z
  .string()
  .trim()
  .min(1)
  .max(128, "at most 128 characters (longer ones are cut by apps)");

const category = z
  .union(
    [
      z.string().transform((name): { category: string; subcategory?: string } => ({
        category: name,
      })),
      z.object({ category: z.string(), subcategory: z.string().optional() }).strict(),
    ],
    { error: 'expected a category name, or { "category", "subcategory"? }' },
  )
  .transform((entry, context): PodcastCategory => {
    const problem = appleCategoryProblem(entry.category, entry.subcategory);
    if (problem !== undefined) {
      context.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return entry.subcategory === undefined
      ? { name: entry.category }
      : { name: entry.category, subcategory: entry.subcategory };
  });

export const podcastSettingsSchema = z
  .object({
    /** The show's name; the site's title when not given. */
    title: z.string().trim().min(1).optional(),
    /** The show's description; the site's description when not given. Apple: 4000 bytes at most. */
    description: z
      .string()
      .trim()
      .min(1)
      .refine((text) => Buffer.byteLength(text) <= 4000, {
        message: "Apple takes at most 4000 bytes",
      })
      .optional(),
    /** itunes:author: the show's author as listeners see it. */
    author: z.string().trim().min(1),
    /** itunes:owner: whom Apple and directories contact about the show. */
    owner: z.object({ name: z.string().trim().min(1), email: z.email() }).strict(),
    /** itunes:image: square artwork, 1400 to 3000 pixels a side, JPEG or PNG (Apple). */
    image: siteUrlOrPath,
    /** Apple Podcasts categories; Apple uses the first. */
    categories: z.array(category).min(1, "Apple needs at least one category"),
    /** itunes:explicit of the show. */
    explicit: z.boolean({ error: "expected true or false" }),
    /** itunes:type: episodic (newest first) or serial (in order; every episode needs a number). */
    type: z.enum(["episodic", "serial"]).default("episodic"),
    /** podcast:locked: other platforms must refuse to import the feed. */
    locked: z.boolean({ error: "expected true or false" }).default(false),
    funding: z.array(z.object({ url: siteUrlOrPath, text: shortLabel }).strict()).default([]),
    persons: z
      .array(
        z
          .object({
            name: shortLabel,
            role: z.string().trim().min(1).optional(),
            group: z.string().trim().min(1).optional(),
            href: siteUrlOrPath.optional(),
            img: siteUrlOrPath.optional(),
          })
          .strict(),
      )
      .default([]),
    /**
     * podcast:guid, pinned. Without it the guid is computed from the podcast feed's URL, which
     * changes with the site URL: write the computed value here once (npm run validate shows it).
     */
    guid: z
      .string()
      .regex(
        podcastGuidPattern,
        "expected a lower-case UUIDv5 such as 917393e3-1b1e-5cef-ace4-edaa54e1f810",
      )
      .optional(),
  })
  .strict();

export type PodcastSettings = z.infer<typeof podcastSettingsSchema>;
