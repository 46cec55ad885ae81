// Runs before `npm start`: compiles src/ into dist/ when TypeScript is installed (a development
// checkout), and otherwise (a production install, where dev dependencies are pruned) only checks
// that dist/ was built, so the server starts from the compiled output either way.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let compiler;
try {
  compiler = require.resolve("typescript/bin/tsc");
} catch {
  compiler = undefined;
}
if (compiler !== undefined) {
  execFileSync(process.execPath, [compiler, "-p", "tsconfig.build.json"], { stdio: "inherit" });
} else if (!existsSync("dist/src/server.js")) {
  console.error(
    "wirefeed is not built and TypeScript is not installed: run `npm ci && npm run build` before pruning dev dependencies.",
  );
  process.exit(1);
}
