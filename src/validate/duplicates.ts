// Finding values that must be unique within one document (Atom entry ids, RSS guids, JSON Feed
// item ids): each repeat is reported against the first occurrence.

export interface Duplicate<T> {
  key: string;
  first: T;
  repeat: T;
}

/** Every entry whose key was already seen, paired with the first entry that had it. */
export function findDuplicates<T>(
  entries: Iterable<T>,
  keyOf: (entry: T) => string | undefined,
): Duplicate<T>[] {
  const seen = new Map<string, T>();
  const duplicates: Duplicate<T>[] = [];
  for (const entry of entries) {
    const key = keyOf(entry);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, entry);
    else duplicates.push({ key, first, repeat: entry });
  }
  return duplicates;
}
