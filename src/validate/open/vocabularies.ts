// The one registry of the vocabularies the open validator knows, by namespace URI.
import { atomVocabulary } from "./atom.js";
import { contentVocabulary } from "./extensions/content.js";
import { dublinCoreVocabulary } from "./extensions/dublin-core.js";
import { feedHistoryVocabulary } from "./extensions/feed-history.js";
import { itunesVocabulary } from "./extensions/itunes.js";
import { mediaRssVocabulary } from "./extensions/media-rss.js";
import { podcastIndexVocabulary } from "./extensions/podcast-index.js";
import { threadingVocabulary } from "./extensions/threading.js";
import { tombstonesVocabulary } from "./extensions/tombstones.js";
import { rssVocabulary } from "./rss.js";
import type { CheckContext, Vocabulary } from "./vocabulary.js";

const extensions: readonly Vocabulary[] = [
  atomVocabulary,
  contentVocabulary,
  dublinCoreVocabulary,
  mediaRssVocabulary,
  itunesVocabulary,
  podcastIndexVocabulary,
  feedHistoryVocabulary,
  threadingVocabulary,
  tombstonesVocabulary,
];

const byUri = new Map(extensions.map((vocabulary) => [vocabulary.uri, vocabulary]));

/** The vocabulary an element's namespace belongs to; RSS 2.0 for unqualified elements in RSS. */
export function vocabularyFor(uri: string, root: CheckContext["root"]): Vocabulary | undefined {
  if (uri === "") return root === "rss" ? rssVocabulary : undefined;
  return byUri.get(uri);
}

export const allVocabularies: readonly Vocabulary[] = [rssVocabulary, ...extensions];
