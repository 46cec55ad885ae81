// Every page type in a real browser (Debian's Chromium through playwright-core): at 1280×800 and
// 390×844, light and dark, axe-core finds no violation, nothing scrolls sideways, the console
// stays clean, the CSP is never violated, nothing leaves loopback; every autodiscovery link
// answers with its type; the copy buttons copy, lead images fit, the favicon decodes.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  desktop,
  keepToLoopback,
  launchChromium,
  phone,
  type ViewMode,
  viewModes,
} from "./chromium.js";
import { pageTypes, type Showcase, startShowcase } from "./showcase.js";

const axeSource = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let browser: Browser;
let site: Showcase;
const closers: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  [browser, site] = await Promise.all([
    launchChromium(),
    startShowcase((close) => {
      closers.push(close);
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const close of closers.reverse()) await close();
});

async function newContext(mode: ViewMode, options: { bypassCSP?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: mode.viewport,
    colorScheme: mode.colorScheme,
    bypassCSP: options.bypassCSP ?? false,
  });
  const refused = await keepToLoopback(context);
  return { context, refused };
}

async function open(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(`${site.baseUrl}${path}`, { waitUntil: "load" });
  expect({ path, status: response?.status() }).toEqual({ path, status });
}

async function withContext<T>(
  made: Promise<{ context: BrowserContext; refused: string[] }>,
  use: (context: BrowserContext, refused: string[]) => Promise<T>,
): Promise<T> {
  const { context, refused } = await made;
  try {
    return await use(context, refused);
  } finally {
    await context.close();
  }
}

describe.each(viewModes)("every page at $name", (mode) => {
  it("passes axe-core with no violation and never scrolls sideways", async () => {
    const axe = await axeSource;
    // Only here may the CSP be bypassed: axe is injected as an inline script.
    const found = await withContext(newContext(mode, { bypassCSP: true }), async (context) => {
      const page = await context.newPage();
      const results = [];
      for (const { name, path, status } of pageTypes) {
        await open(page, path, status);
        await page.addScriptTag({ content: axe });
        const violations = await page.evaluate(async () => {
          type Axe = {
            run(
              context: Document,
              options: { resultTypes: string[] },
            ): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
          };
          // Every rule axe has, reporting violations only (the passes are not collected).
          const run = await (window as unknown as { axe: Axe }).axe.run(document, {
            resultTypes: ["violations"],
          });
          return run.violations.map(
            (v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`,
          );
        });
        const widths = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        results.push({
          name,
          violations,
          scrollsSideways: widths.scrollWidth > widths.clientWidth,
        });
      }
      return results;
    });
    expect(found).toEqual(
      pageTypes.map(({ name }) => ({ name, violations: [], scrollsSideways: false })),
    );
  });

  it("logs no console error, violates no CSP rule and asks for nothing beyond loopback", async () => {
    const found = await withContext(newContext(mode), async (context, refused) => {
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener("securitypolicyviolation", (event) => {
          seen.push(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      const page = await context.newPage();
      const results = [];
      for (const { name, path, status } of pageTypes) {
        const errors: string[] = [];
        const onConsole = (message: { type(): string; text(): string }) => {
          // The 404 page's own status is the one error Chromium logs for it.
          if (message.type() === "error" && !(status === 404 && message.text().includes("404")))
            errors.push(message.text());
        };
        const onError = (error: Error) => errors.push(error.message);
        page.on("console", onConsole);
        page.on("pageerror", onError);
        await open(page, path, status);
        const violations = await page.evaluate(
          () => (window as unknown as { cspViolations: string[] }).cspViolations,
        );
        page.off("console", onConsole);
        page.off("pageerror", onError);
        results.push({ name, errors, violations });
      }
      return { results, refused: [...refused] };
    });
    expect(found).toEqual({
      results: pageTypes.map(({ name }) => ({ name, errors: [], violations: [] })),
      refused: [],
    });
  });
});

describe("pages in the browser", () => {
  it("offer autodiscovery links that each answer 200 with the type they name", async () => {
    const found = await withContext(newContext(viewModes[0] as ViewMode), async (context) => {
      const page = await context.newPage();
      const results = [];
      for (const { name, path, status } of pageTypes) {
        await open(page, path, status);
        const links = await page.$$eval('link[rel="alternate"]', (elements) =>
          elements.map((e) => ({
            type: e.getAttribute("type"),
            href: (e as HTMLLinkElement).href,
          })),
        );
        expect({ name, links: links.length > 0 }).toEqual({ name, links: true });
        for (const link of links) {
          const response = await page.request.get(link.href);
          const type = response.headers()["content-type"]?.split(";")[0];
          results.push({ href: link.href, status: response.status(), type, named: link.type });
        }
      }
      return results;
    });
    expect(found.filter((link) => link.status !== 200 || link.type !== link.named)).toEqual([]);
    // Every page offers the site's feeds or its own, and every feed type is among them.
    expect(new Set(found.map((link) => link.type))).toEqual(
      new Set([
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "text/x-opml",
      ]),
    );
  });

  it("copies a feed's address with its button on /feeds/", async () => {
    const mode = viewModes[1] as ViewMode;
    const context = await browser.newContext({
      viewport: mode.viewport,
      permissions: ["clipboard-read", "clipboard-write"],
    });
    try {
      const page = await context.newPage();
      await open(page, "/feeds/");
      const sections = page.locator("main section");
      const count = await sections.count();
      expect(count).toBeGreaterThan(5);
      // The script shows every button; without it they stay hidden.
      await expect.poll(() => page.locator("button[data-copy]:visible").count()).toBe(count);
      const tag = sections.filter({ hasText: "Tag: Economy" });
      await tag.getByRole("button", { name: "Copy the address of Tag: Economy (RSS)" }).click();
      await expect.poll(() => tag.getByRole("status").textContent()).toBe("Copied");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(`${site.baseUrl}/tags/economy/rss.xml`);
      expect(await tag.locator("code").textContent()).toBe(copied);
    } finally {
      await context.close();
    }
  });

  it("fit lead images and thumbnails to the column on a desktop and on a phone", async () => {
    for (const viewport of [desktop, phone]) {
      await withContext(
        newContext({ name: "", viewport, colorScheme: "light" }),
        async (context) => {
          const page = await context.newPage();
          for (const path of ["/articles/budget", "/"]) {
            await open(page, path);
            const images = await page.$$eval("main img", (elements) =>
              Promise.all(
                elements.map(async (e) => {
                  const img = e as HTMLImageElement;
                  // Thumbnails load lazily: ask for each now rather than scrolling to it.
                  img.loading = "eager";
                  await img.decode();
                  const main = document.querySelector("main")?.getBoundingClientRect();
                  return {
                    loaded: img.naturalWidth > 0,
                    fits: img.getBoundingClientRect().right <= (main?.right ?? 0) + 0.5,
                    width: img.getBoundingClientRect().width,
                  };
                }),
              ),
            );
            expect(images.length).toBeGreaterThan(0);
            for (const image of images)
              expect({ path, viewport, ...image }).toMatchObject({
                path,
                viewport,
                loaded: true,
                fits: true,
              });
          }
        },
      );
    }
  });

  it("turn dark with the reader's colour scheme", async () => {
    const backgrounds: Record<string, string> = {};
    for (const mode of [viewModes[0], viewModes[2]] as ViewMode[]) {
      await withContext(newContext(mode), async (context) => {
        const page = await context.newPage();
        await open(page, "/");
        backgrounds[mode.colorScheme] = await page.evaluate(
          () => getComputedStyle(document.body).backgroundColor,
        );
      });
    }
    expect(backgrounds).toEqual({ light: "rgb(255, 255, 255)", dark: "rgb(20, 20, 20)" });
  });

  it("show the favicon: /favicon.svg and /favicon.ico both decode as images", async () => {
    // Without the loopback guard: an ICO passed through Playwright's request interception no
    // longer decodes in Chromium 150 (it decodes from the same server unintercepted, and the page
    // loads nothing but its own origin).
    const context = await browser.newContext({ viewport: desktop });
    try {
      const page = await context.newPage();
      await open(page, "/");
      const sizes = await page.evaluate(async () => {
        const decode = async (src: string) => {
          const image = new Image();
          image.src = src;
          await image.decode();
          return [image.naturalWidth, image.naturalHeight];
        };
        const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? "";
        return { svg: await decode(icon), ico: await decode("/favicon.ico") };
      });
      expect(sizes.ico).toEqual([32, 32]);
      expect(sizes.svg[0]).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
