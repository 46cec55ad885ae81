// One rule of RFC 9110 §14.1.3 that the `send` module (through range-parser) gets wrong: a suffix
// range longer than the representation (`bytes=-N`, N at least the size) means the whole of it,
// not an unsatisfiable range. Such suffixes are rewritten to the whole file before send reads the
// header; every other range is left exactly as the client wrote it.

/** The Range header with each suffix range longer than `size` bytes cut down to the whole file. */
export function clampSuffixRanges(header: string, size: number): string {
  const match = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (match === null || size === 0) return header;
  const specs = (match[1] ?? "").split(",").map((spec) => {
    const suffix = /^\s*-\s*(\d+)\s*$/.exec(spec);
    if (suffix === null) return spec;
    return Number(suffix[1]) > size ? `-${size}` : spec;
  });
  return `bytes=${specs.join(",")}`;
}
