// Where the schema files live. tsc does not copy them to dist/, so both src/validate/*.ts (tsx,
// vitest) and dist/src/validate/*.js read them from src/validate/schemas under the project root:
// the nearest folder above this module that holds a package.json.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A schema file is missing or unreadable: the installation is broken, not the feed. */
export class SchemaLoadError extends Error {
  constructor(
    readonly file: string,
    options?: ErrorOptions,
  ) {
    super(`cannot load schema ${file}`, options);
    this.name = "SchemaLoadError";
  }
}

function findProjectRoot(start: string): string {
  for (let folder = start; ; ) {
    if (existsSync(join(folder, "package.json"))) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new SchemaLoadError(`(no package.json above ${start})`);
    folder = parent;
  }
}

let schemasFolder: string | undefined;

/** The absolute path of a file in src/validate/schemas. */
export function schemaPath(name: string): string {
  schemasFolder ??= join(
    findProjectRoot(dirname(fileURLToPath(import.meta.url))),
    "src",
    "validate",
    "schemas",
  );
  return join(schemasFolder, name);
}

/** The text of a file in src/validate/schemas. */
export function readSchemaFile(name: string): string {
  const path = schemaPath(name);
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new SchemaLoadError(path, { cause: error });
  }
}
