// The checks that need the whole document: each vocabulary's own, then the podcast directories'.

import { allVocabularies } from "./vocabularies.js";
import type { CheckContext } from "./vocabulary.js";

export function finishDocument(context: CheckContext): void {
  for (const vocabulary of allVocabularies) vocabulary.finish?.(context);
}
