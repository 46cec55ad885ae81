// The site's metadata as site.json gives it (title, publisher, ids, feed sizes, hubs, the podcast
// block), checked once at start by config.ts and read by the feed code below it.
import { IANAZone } from "luxon";
import { z } from "zod";
import type { Author } from "../model.js";
import { podcastSettingsSchema } from "./podcast-settings.js";

const absoluteIri = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]*:\S+$/i, "expected an absolute IRI such as tag:example.com,2026:feed");

export const siteMetadataSchema = z
  .object({
    title: z.string().trim().min(1),
    description: z.string().trim().min(1),
    language: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/, "expected a language tag such as en"),
    publisher: z
      .object({
        name: z.string().trim().min(1),
        url: z.url().optional(),
        email: z.email().optional(),
      })
      .strict(),
    /** Prefix of the ids of articles that carry none; set once and never changed. */
    idPrefix: absoluteIri,
    /** Id of the main feed; other feeds' ids are derived from it. Set once and never changed. */
    feedId: absoluteIri,
    /** How many items the feeds carry, newest first. */
    feedSize: z.int().min(1).max(1000).default(50),
    /** Cache-Control max-age of feeds, in seconds; RSS <ttl> follows it. */
    maxAgeSeconds: z.int().min(60).max(86_400).default(900),
    /** IANA time zone of the dates shown on pages (feeds keep UTC); UTC when not given. */
    timeZone: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), {
        error: (issue) =>
          `expected an IANA time zone such as Europe/Paris, got ${JSON.stringify(issue.input)}`,
      })
      .optional(),
    /** Absolute URL or site path of a square icon. */
    icon: z.string().optional(),
    /** WebSub hubs told about every change, advertised in every feed. */
    hubs: z.array(z.url({ protocol: /^https?$/ })).default([]),
    /** Cache-Control max-age of RFC 5005 archive documents, in seconds. */
    archiveMaxAgeSeconds: z.int().min(60).max(31_536_000).default(86_400),
    /** What public outputs show of a members article: a teaser (title, summary, link) or nothing. */
    membersInPublic: z.enum(["teaser", "omit"]).optional(),
    /** Days a removed or retracted article stays in the Atom feed as an RFC 6721 tombstone (30). */
    tombstoneDays: z.int().min(0).max(3650).optional(),
    /** The podcast: with it, articles with an audio or video enclosure make /podcast.xml. */
    podcast: podcastSettingsSchema.optional(),
  })
  .strict();

export type SiteMetadata = z.infer<typeof siteMetadataSchema> & { publisher: Author };
