// The checks that need more than one element's rule: the podcast directories' checks of a whole
// channel and episode, run after the RSS rules of those elements, and the checks run at the end
// of the document (each vocabulary's own, then the local media files').
import {
  checkLocalMedia,
  checkPodcastChannel,
  checkPodcastEpisode,
} from "./podcast-directories.js";
import { allVocabularies } from "./vocabularies.js";
import type { CheckContext } from "./vocabulary.js";
import type { XmlElement } from "./xml-tree.js";

export function checkAfterClose(element: XmlElement, context: CheckContext): void {
  if (context.root !== "rss") return;
  if (element.key === "channel") checkPodcastChannel(element, context);
  else if (element.key === "item") checkPodcastEpisode(element, context);
}

export function finishDocument(context: CheckContext): void {
  for (const vocabulary of allVocabularies) vocabulary.finish?.(context);
  checkLocalMedia(context);
}
