// Bounds on what YAML front matter may expand to. js-yaml shares the value an alias points at,
// so parsing a "billion laughs" is quick, but every walk over the result (cleaning, the schema)
// visits each repetition: nine nested aliases of nine make 387 million values from 500 bytes.
// The walk here counts every value as the later walks will, and stops at the bound.

/** Values one front matter may hold, each alias counted as all the values it repeats. */
export const maxFrontMatterValues = 10_000;

/** Lists and mappings inside one another, at most. */
export const maxFrontMatterDepth = 32;

/** Why parsed front matter is too large to use, or undefined when it is within the bounds. */
export function frontMatterBoundProblem(value: unknown): string | undefined {
  let count = 0;
  const visit = (node: unknown, depth: number): string | undefined => {
    count += 1;
    if (count > maxFrontMatterValues) {
      return `front matter: more than ${maxFrontMatterValues.toLocaleString("en")} values once its aliases are expanded; refused`;
    }
    if (typeof node !== "object" || node === null) return undefined;
    if (depth >= maxFrontMatterDepth) {
      return `front matter: lists and mappings nested more than ${maxFrontMatterDepth} levels deep`;
    }
    for (const inner of Array.isArray(node) ? node : Object.values(node)) {
      const problem = visit(inner, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
  return visit(value, 0);
}
