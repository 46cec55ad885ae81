// Files in the state folder (STATE_DIR). Each is named for the articles folder it derives from,
// so two sites (or two test runs) sharing one state folder never read each other's state.
import { createHash } from "node:crypto";
import path from "node:path";

/** The path of `stem-<folder hash>.<extension>` in `stateDir` for the articles in `articlesDir`. */
export function siteStateFile(
  stateDir: string,
  articlesDir: string,
  stem: string,
  extension: string,
): string {
  const folder = createHash("sha256").update(path.resolve(articlesDir)).digest("hex").slice(0, 16);
  return path.join(stateDir, `${stem}-${folder}.${extension}`);
}
