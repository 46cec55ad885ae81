// `npm run screenshots [DIR]`: PNGs of every page type of the showcase newsroom, at 1280×800 and
// 390×844 and in dark mode, taken by Debian's Chromium, written to DIR (screenshots/ by default)
// as <page>-<size>[-dark].png. The README's two images are copied from there into docs/images/.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { keepToLoopback, launchChromium, viewModes } from "./chromium.js";
import { pageTypes, startShowcase } from "./showcase.js";

const outDir = path.resolve(process.argv[2] ?? "screenshots");
const closers: Array<() => Promise<void> | void> = [];

function fileName(page: string, mode: (typeof viewModes)[number]): string {
  const size = mode.viewport.width > 600 ? "desktop" : "phone";
  return `${page}-${size}${mode.colorScheme === "dark" ? "-dark" : ""}.png`;
}

try {
  await mkdir(outDir, { recursive: true });
  const site = await startShowcase((close) => {
    closers.push(close);
  });
  const browser = await launchChromium();
  closers.push(() => browser.close());
  let written = 0;
  for (const mode of viewModes) {
    const context = await browser.newContext({
      viewport: mode.viewport,
      colorScheme: mode.colorScheme,
    });
    await keepToLoopback(context);
    const page = await context.newPage();
    for (const { name, path: pagePath } of pageTypes) {
      await page.goto(`${site.baseUrl}${pagePath}`, { waitUntil: "load" });
      await page.screenshot({ path: path.join(outDir, fileName(name, mode)), fullPage: true });
      written++;
    }
    await context.close();
  }
  console.log(`${written} screenshots in ${outDir}`);
} finally {
  for (const close of closers.reverse()) await close();
}
