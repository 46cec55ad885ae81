// A WebSub hub on loopback for tests: it takes hub.mode=publish pings (a form POST; anything
// else gets 400), answers 202 (or 500 for the first `failFirst` pings), then fetches the topic as
// a hub would unless told not to, and records the pings and what it fetched.
import { createServer, type IncomingMessage } from "node:http";
import { listenOnLoopback } from "./server.js";

export interface HubFetch {
  topic: string;
  status: number;
  links: string;
  body: string;
}

export interface LoopbackHub {
  /** The hub's URL, for the site's `hubs`. */
  url: string;
  /** Each accepted ping's form fields, in arrival order. */
  pings: Array<Record<string, string>>;
  /** Each topic fetch after a ping (status 0 and the error as body when the fetch failed). */
  fetched: HubFetch[];
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startLoopbackHub(
  options: { failFirst?: number; fetchTopics?: boolean } = {},
): Promise<LoopbackHub> {
  const pings: LoopbackHub["pings"] = [];
  const fetched: HubFetch[] = [];
  let failures = options.failFirst ?? 0;
  const server = createServer(async (req, res) => {
    const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
    if (
      req.method !== "POST" ||
      req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded") !== true ||
      form["hub.mode"] !== "publish"
    ) {
      res.writeHead(400).end();
      return;
    }
    if (failures > 0) {
      failures -= 1;
      res.writeHead(500).end();
      return;
    }
    pings.push(form);
    res.writeHead(202).end();
    if (options.fetchTopics === false) return;
    const topic = form["hub.url"] ?? "";
    try {
      const response = await fetch(topic);
      const links = response.headers.get("link") ?? "";
      fetched.push({ topic, status: response.status, links, body: await response.text() });
    } catch (error) {
      fetched.push({ topic, status: 0, links: "", body: String(error) });
    }
  });
  return { url: `${await listenOnLoopback(server)}/hub`, pings, fetched };
}
