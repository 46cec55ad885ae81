// Debian's Chromium driven by playwright-core (Playwright's own browser download is not used), and
// the sizes and colour schemes the pages are seen in.
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
}

export interface ViewMode {
  name: string;
  viewport: { width: number; height: number };
  colorScheme: "light" | "dark";
}

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

export const viewModes: readonly ViewMode[] = [
  { name: "1280×800", viewport: desktop, colorScheme: "light" },
  { name: "390×844", viewport: phone, colorScheme: "light" },
  { name: "1280×800 dark", viewport: desktop, colorScheme: "dark" },
  { name: "390×844 dark", viewport: phone, colorScheme: "dark" },
];

/** Refuses every request to an address other than 127.x and records it, so no test reaches out. */
export async function keepToLoopback(context: BrowserContext): Promise<string[]> {
  const refused: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (/^127\.\d+\.\d+\.\d+$/.test(url.hostname)) return route.continue();
    refused.push(url.href);
    return route.abort("blockedbyclient");
  });
  return refused;
}
