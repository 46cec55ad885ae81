// What the hostile-file tests ask a running server: its health report, the titles each feed
// carries, and the slowest /rss.xml answer while something bad is going on.
import { expect } from "vitest";
import { xmlTexts } from "../support/xml.js";

export interface Health {
  status: string;
  articles: number;
  articleProblems: Array<{ file: string; message: string }>;
}

export async function health(baseUrl: string): Promise<Health> {
  return (await (await fetch(`${baseUrl}/healthz`)).json()) as Health;
}

export async function rssTitles(baseUrl: string): Promise<string[]> {
  return xmlTexts(await (await fetch(`${baseUrl}/rss.xml`)).text(), "//item/title");
}

/** Titles in all three formats, which must agree. */
export async function titlesInEveryFormat(baseUrl: string): Promise<string[][]> {
  const atom = xmlTexts(
    await (await fetch(`${baseUrl}/atom.xml`)).text(),
    "//atom:entry/atom:title",
  );
  const json = (await (await fetch(`${baseUrl}/feed.json`)).json()) as {
    items: Array<{ title: string }>;
  };
  return [await rssTitles(baseUrl), atom, json.items.map((item) => item.title)];
}

/**
 * Fetches /rss.xml over and over while `during` runs (and for `atLeastMs`), and gives the slowest
 * answer in ms. Every answer must be a 200.
 */
export async function slowestRssAnswer(
  baseUrl: string,
  during: () => Promise<unknown>,
  atLeastMs = 300,
): Promise<number> {
  let slowest = 0;
  let running = true;
  const statuses = new Set<number>();
  const poller = (async () => {
    while (running) {
      // Started before the test's end, so the server is still listening.
      const started = performance.now();
      const response = await fetch(`${baseUrl}/rss.xml`);
      await response.arrayBuffer();
      statuses.add(response.status);
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  await Promise.all([during(), new Promise((resolve) => setTimeout(resolve, atLeastMs))]);
  running = false;
  await poller;
  expect([...statuses]).toEqual([200]);
  return slowest;
}
