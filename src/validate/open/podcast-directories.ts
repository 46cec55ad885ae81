// What the podcast directories require of a podcast feed, beyond the RSS and itunes: grammars:
// Apple Podcasts' required channel and episode tags and media types, and, when a media folder is
// given, that each enclosure's length and type agree with the local file and that local artwork
// is a square JPEG or PNG of 1400 to 3000 pixels. A feed is a podcast when it uses the itunes:
// or podcast: namespace.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { imageSize } from "../../media/image-size.js";
import { mediaTypeOf } from "../../media/media-types.js";
import { keyOf, ns } from "./namespaces.js";
import type { CheckContext, Place } from "./vocabulary.js";
import { childOf, countOf, type XmlElement } from "./xml-tree.js";

const itunes = (local: string): string => keyOf(ns.itunes, local);

/** The media types Apple Podcasts accepts for an episode. */
export const appleMediaTypes = [
  "audio/mpeg",
  "audio/x-m4a",
  "audio/mp4",
  "video/mp4",
  "video/quicktime",
  "video/x-m4v",
  "application/pdf",
];

/** The channel's tags Apple requires, each with what it is for. */
const requiredChannelTags: readonly [string, string][] = [
  [itunes("image"), "the show's artwork"],
  [itunes("category"), "the show's category on Apple's list"],
  [itunes("explicit"), "whether the show is explicit (true or false)"],
  ["language", "the show's language"],
];

export function checkPodcastChannel(channel: XmlElement, context: CheckContext): void {
  if (!context.podcast) return;
  for (const [key, what] of requiredChannelTags) {
    if (countOf(channel, key) === 0) {
      const name = key === "language" ? "language" : `itunes:${key.slice(key.indexOf("}") + 1)}`;
      context.report(
        "podcast-directory-missing",
        channel,
        `a podcast's <channel> must have <${name}>, ${what}, or Apple Podcasts refuses the show`,
      );
    }
  }
  if (countOf(channel, keyOf(ns.podcast, "guid")) === 0) {
    context.report(
      "podcast-directory-advice",
      channel,
      "the <channel> has no <podcast:guid>; Podcast Index uses it to follow the show when its feed moves",
    );
  }
}

export function checkPodcastEpisode(item: XmlElement, context: CheckContext): void {
  if (!context.podcast) return;
  const title = childOf(item, "title");
  if (title === undefined || title.text.trim() === "") {
    context.report(
      "podcast-directory-missing",
      item,
      "a podcast episode must have a <title>, or Apple Podcasts leaves it out",
    );
  }
  const enclosure = childOf(item, "enclosure");
  if (enclosure === undefined) {
    context.report(
      "podcast-directory-missing",
      item,
      "a podcast episode must have an <enclosure> (its media file), or Apple Podcasts leaves it out",
    );
  } else {
    const type = enclosure.attributes.get("type")?.trim();
    if (type !== undefined && !appleMediaTypes.includes(type.toLowerCase())) {
      context.report(
        "podcast-enclosure-type",
        enclosure,
        `<enclosure> type ${type} is not one Apple Podcasts takes (${appleMediaTypes.join(", ")})`,
      );
    }
  }
  if (countOf(item, "guid") === 0) {
    context.report(
      "podcast-directory-advice",
      item,
      "the episode has no <guid>; Apple Podcasts uses it to tell episodes apart, so without one it may show an episode twice",
    );
  }
}

/** The local file a URL names under `mediaDir` (its path, decoded), if it is inside the folder. */
function localFile(url: string, mediaDir: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url.trim()).pathname);
  } catch {
    return undefined;
  }
  const root = path.resolve(mediaDir);
  const file = path.resolve(root, `.${pathname}`);
  return file.startsWith(root + path.sep) ? file : undefined;
}

function sizeOf(file: string): number | undefined {
  try {
    const stats = statSync(file);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

/** Compares each enclosure with its local file, and the artwork's size, when a folder is given. */
export function checkLocalMedia(context: CheckContext): void {
  const mediaDir = context.options.mediaDir;
  if (mediaDir === undefined) return;
  for (const enclosure of context.localMedia) {
    const file = localFile(enclosure.url, mediaDir);
    const size = file === undefined ? undefined : sizeOf(file);
    if (file === undefined || size === undefined) continue;
    if (
      enclosure.length !== undefined &&
      /^\d+$/.test(enclosure.length.trim()) &&
      Number(enclosure.length) !== size
    ) {
      context.report(
        "podcast-local-media",
        enclosure.element,
        `<enclosure> length is ${enclosure.length.trim()}, but ${path.basename(file)} has ${size} bytes; players and Apple use the length to download and resume`,
      );
    }
    const actual = mediaTypeOf(file);
    if (
      enclosure.type !== undefined &&
      actual !== undefined &&
      enclosure.type.trim().toLowerCase() !== actual
    ) {
      context.report(
        "podcast-local-media",
        enclosure.element,
        `<enclosure> type is ${enclosure.type.trim()}, but ${path.basename(file)} is ${actual}`,
      );
    }
  }
  if (context.artwork !== undefined)
    checkArtwork(context, context.artwork.place, context.artwork.url, mediaDir);
}

function checkArtwork(context: CheckContext, place: Place, url: string, mediaDir: string): void {
  const file = localFile(url, mediaDir);
  if (file === undefined || sizeOf(file) === undefined) return;
  const size = imageSize(readFileSync(file));
  const name = path.basename(file);
  if (size === undefined) {
    context.report(
      "podcast-artwork-size",
      place,
      `the artwork ${name} is neither a JPEG nor a PNG image`,
    );
  } else if (size.width !== size.height || size.width < 1400 || size.width > 3000) {
    context.report(
      "podcast-artwork-size",
      place,
      `the artwork ${name} is ${size.width}×${size.height} pixels; Apple asks for a square of 1400 to 3000 pixels`,
    );
  }
}
