// Taking renditions over from the previous build: a rendition whose inputs are the very same
// (immutable) objects as last time keeps its bytes instead of being rendered again.
import type { FeedDefinition } from "../../feeds/build-feed.js";
import type { Build } from "./site-snapshot.js";

/**
 * Records what a rendition is made from and tells whether the previous build made it from the
 * very same inputs (the same immutable Article objects), so its bytes can be taken over.
 */
export function unchangedSincePrevious(
  build: Build,
  key: string,
  inputs: readonly unknown[],
): boolean {
  build.inputs.set(key, inputs);
  const before = build.previous?.inputs.get(key);
  return (
    before !== undefined &&
    before.length === inputs.length &&
    before.every((value, i) => value === inputs[i])
  );
}

export function takeOverFromPrevious(build: Build, path: string): void {
  const kept = build.previous?.renditions.entry(path);
  if (kept) build.renditions.set(path, kept);
}

/**
 * What a feed's documents are made from: its title and description (a section's name is
 * spelled as its newest article spells it), its items and every link it carries.
 */
export function feedInputs(definition: FeedDefinition): unknown[] {
  return [
    `title ${definition.title}`,
    `description ${definition.description}`,
    ...definition.articles,
    ...definition.relations.map((relation) => `${relation.rel} ${relation.basePath}`),
    `next ${definition.nextBasePath ?? ""}`,
    ...(definition.deletedEntries ?? []).map(
      (deleted) => `deleted ${deleted.ref} ${deleted.when.toMillis()} ${deleted.comment ?? ""}`,
    ),
  ];
}

/** A path the site no longer has: out of the table, and reported as changed. */
export function removePath(build: Build, path: string, inputsKey: string = path): void {
  build.touched.add(path);
  build.renditions.delete(path);
  build.inputs.delete(inputsKey);
}
