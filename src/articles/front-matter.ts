// The front matter schema: one definition for article files (and, later, the publishing API).
import { z } from "zod";
import { mediaFileNamePattern } from "../media/media-types.js";
import { readIsoDateTime } from "./iso-date-time.js";

/** A lead image written as a plain file name (no scheme, no path): a file of the images folder. */
export function isImageFileName(text: string): boolean {
  return mediaFileNamePattern.test(text) && !/^[a-z][a-z0-9+.-]*:/i.test(text);
}

const offsetAtEnd = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** An ISO 8601 date-time that names its offset, e.g. 2014-10-20T12:00:00+04:00. */
/** Read as a DateTime that keeps the written offset (parsed once, here). */
export const isoDateTime = z.string().transform((text, context) => {
  const date = readIsoDateTime(text);
  if (offsetAtEnd.test(text) && date.isValid) return date;
  context.addIssue({
    code: "custom",
    message: "expected an ISO 8601 date-time with an offset, such as 2014-10-20T12:00:00+04:00",
  });
  return z.NEVER;
});

const absoluteHttpUrl = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  },
  { message: "expected an absolute http(s) URL" },
);

/** A URL as written in an article: absolute http(s), or a path resolved against the site URL. */
const articleUrl = z.string().refine((text) => /^(?:https?:\/\/|\/)\S+$/i.test(text), {
  message: "expected an absolute http(s) URL or a path starting with /",
});

/** An absolute IRI with a scheme (tag:, urn:, https:), as RFC 4287 requires for atom:id. */
const absoluteIri = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]*:\S+$/i, "expected an absolute IRI such as tag:example.com,2026:a1");

const slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    "expected lowercase letters, digits and hyphens, such as my-story",
  );

const authorEntry = z.union([
  z.string().trim().min(1, "an author name cannot be empty"),
  z
    .object({
      name: z.string().trim().min(1),
      url: absoluteHttpUrl.optional(),
      email: z.email().optional(),
    })
    .strict(),
]);

/**
 * Where a lead image is: an absolute http(s) URL, a site path, or the name of a file of the
 * images folder (served under /images/ with its content hash in the URL).
 */
const imageUrl = z
  .string()
  .refine((text) => /^(?:https?:\/\/|\/)\S+$/i.test(text) || isImageFileName(text), {
    message:
      "expected an absolute http(s) URL, a path starting with /, or the name of a file in the images folder",
  });

const imageObject = z
  .object({
    url: imageUrl.optional(),
    caption: z.string().optional(),
    alt: z.string().optional(),
    width: z.int().positive().optional(),
    height: z.int().positive().optional(),
    type: z
      .string()
      .regex(/^image\/[\w.+-]+$/, "expected an image media type such as image/jpeg")
      .optional(),
  })
  .strict();

/** "type/subtype" of an audio or video file, as podcast apps and Apple take them. */
const audioOrVideoType = z
  .string()
  .regex(/^(?:audio|video)\/[\w.+-]+$/, "expected an audio or video media type such as audio/mpeg");

const anyMediaType = z
  .string()
  .regex(/^[\w.+-]+\/[\w.+-]+$/, "expected a media type such as text/vtt or application/json");

const languageTag = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/, "expected a language tag such as en or en-GB");

/** A file directly inside the media folder: no folders, nothing hidden. */
const mediaFileName = z
  .string()
  .regex(
    mediaFileNamePattern,
    "expected the name of a file in the media folder, such as episode-1.mp3 (no folders)",
  );

/**
 * The media file of an episode: either elsewhere ({ url, type, length, duration? }) or in the media
 * folder ({ file, duration? }), where type and length are read from the file.
 */
const enclosureObject = z
  .object({
    url: absoluteHttpUrl.optional(),
    file: mediaFileName.optional(),
    type: audioOrVideoType.optional(),
    length: z.int().positive("expected the size of the file in bytes").optional(),
    duration: z.number().positive("expected the playing time in seconds").optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if ((value.url === undefined) === (value.file === undefined)) {
      context.addIssue({
        code: "custom",
        message: `give either url (a file elsewhere) or file (a file in the media folder)${value.url === undefined ? "" : ", not both"}`,
      });
      return;
    }
    if (value.url === undefined) return;
    if (value.type === undefined)
      context.addIssue({
        code: "custom",
        path: ["type"],
        message: "required with url: the media type, such as audio/mpeg",
      });
    if (value.length === undefined)
      context.addIssue({
        code: "custom",
        path: ["length"],
        message: "required with url: the size of the file in bytes",
      });
  });

const transcriptObject = z
  .object({
    url: articleUrl,
    type: anyMediaType,
    language: languageTag.optional(),
    rel: z.literal("captions", { error: 'expected "captions"' }).optional(),
  })
  .strict();

const chaptersEntry = z.union(
  [articleUrl, z.object({ url: articleUrl, type: anyMediaType.optional() }).strict()],
  { error: "expected a URL, or { url, type? }" },
);

const positiveWholeNumber = z.int().positive("expected a whole number from 1 up");

/** Keys that only an episode (an article with an enclosure) may have. */
export const episodeKeys = [
  "episode",
  "season",
  "episodeType",
  "explicit",
  "transcript",
  "chapters",
] as const;

export const frontMatterSchema = z
  .object({
    title: z.string().trim().min(1, "the title cannot be empty").optional(),
    published: isoDateTime,
    updated: isoDateTime.optional(),
    /** Who may read the body: everyone (public, the default) or paying members. */
    access: z.enum(["public", "members"], { error: "expected public or members" }).optional(),
    /** The article leaves every output at this instant. */
    expires: isoDateTime.optional(),
    /** Notes on what updates corrected, each shown to readers with its date. */
    corrections: z
      .array(
        z
          .object({ date: isoDateTime, text: z.string().trim().min(1, "a correction needs text") })
          .strict(),
        { error: "expected a list of { date, text }" },
      )
      .optional(),
    /** The article was withdrawn: the reason, or { reason, date }. */
    retracted: z
      .union(
        [
          z.string().trim().min(1, "give the reason for the retraction"),
          z.object({ reason: z.string().trim().min(1), date: isoDateTime }).strict(),
        ],
        { error: "expected the reason, or { reason, date }" },
      )
      .optional(),
    author: z
      .union([authorEntry, z.array(authorEntry)], {
        error: "expected a name, { name, url?, email? }, or a list of these",
      })
      .optional(),
    tags: z.array(z.string().trim().min(1, "a tag cannot be empty")).optional(),
    summary: z.string().optional(),
    id: absoluteIri.optional(),
    slug: slug.optional(),
    image: z
      .union([imageUrl, imageObject], {
        error: "expected a URL, or { url, caption, alt, width, height, type }",
      })
      .optional(),
    source: absoluteHttpUrl.optional(),
    language: languageTag.optional(),
    /** An audio or video file: the article is a podcast episode. */
    enclosure: enclosureObject.optional(),
    episode: positiveWholeNumber.optional(),
    season: positiveWholeNumber.optional(),
    episodeType: z
      .enum(["full", "trailer", "bonus"], { error: "expected full, trailer or bonus" })
      .optional(),
    explicit: z.boolean({ error: "expected true or false" }).optional(),
    transcript: z
      .union([transcriptObject, z.array(transcriptObject)], {
        error: "expected { url, type, language?, rel? }, or a list of these",
      })
      .optional(),
    chapters: chaptersEntry.optional(),
  })
  .strict()
  .superRefine((meta, context) => {
    if (meta.enclosure !== undefined) return;
    for (const key of episodeKeys) {
      if (meta[key] !== undefined)
        context.addIssue({
          code: "custom",
          path: [key],
          message: "only an episode has this: give the article an enclosure",
        });
    }
  });

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Turns zod's issues (a ZodError, or some of its issues) into "field: message" lines, one per problem. */
export function describeIssues(error: { issues: readonly z.core.$ZodIssue[] }): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "front matter";
    if (issue.code === "unrecognized_keys")
      return `${field}: unknown key ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    if (issue.code === "invalid_type") {
      // zod words these "Invalid input: expected array, received string".
      const received = /received (\w+)$/.exec(issue.message)?.[1];
      if (received === "undefined") return `${field}: required`;
      return `${field}: expected ${issue.expected}${received === undefined ? "" : `, got ${received}`}`;
    }
    return `${field}: ${issue.message}`;
  });
}
