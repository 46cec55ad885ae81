// The peers wirefeed is measured against, each in its own process on 127.0.0.1.
// Usage: tsx bench/servers/peer-server.ts KIND DIR
//   static       express.static serving DIR/rss.xml (the bytes wirefeed serves)
//   compression  express + compression middleware + express.static on the same file
//   bare         node:http answering the file's bytes from a constant Buffer (the ceiling)
//   feed6        an Express route that renders the articles in DIR with the `feed` package per request
// Prints {"port": N} on stdout once listening.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import compression from "compression";
import express from "express";
import { Feed } from "feed";
import { loadArticles } from "../../src/articles/load.js";

const [kind, dir] = process.argv.slice(2);
if (kind === undefined || dir === undefined) throw new Error("usage: peer-server.ts KIND DIR");

function announce(address: AddressInfo | string | null): void {
  if (address === null || typeof address === "string") throw new Error("no port");
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
}

if (kind === "bare") {
  const body = readFileSync(path.join(dir, "rss.xml"));
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      "Content-Type": "application/rss+xml; charset=utf-8",
      "Content-Length": body.length,
    });
    res.end(body);
  });
  server.listen(0, "127.0.0.1", () => announce(server.address()));
} else {
  const app = express();
  app.disable("x-powered-by");
  if (kind === "compression") app.use(compression());
  if (kind === "static" || kind === "compression") {
    app.use(
      express.static(dir, {
        setHeaders: (res) => res.setHeader("Content-Type", "application/rss+xml; charset=utf-8"),
      }),
    );
  } else if (kind === "feed6") {
    const { articles } = await loadArticles(dir, {
      idPrefix: "tag:news.example.com,2026:article/",
    });
    const siteUrl = "https://news.example.com";
    app.get("/rss.xml", (_req, res) => {
      const feed = new Feed({
        title: "Example News",
        description: "Benchmark feed",
        id: `${siteUrl}/`,
        link: `${siteUrl}/`,
        copyright: "Example News",
        updated: articles[0]?.published.toJSDate() ?? new Date(0),
      });
      for (const article of articles.slice(0, 50)) {
        feed.addItem({
          title: article.title,
          id: article.id,
          link: `${siteUrl}/articles/${article.slug}`,
          description: article.summary ?? "",
          content: article.bodyHtml,
          date: article.published.toJSDate(),
          author: article.authors.map((author) => ({ name: author.name })),
          category: article.tags.map((tag) => ({ name: tag })),
        });
      }
      res.type("application/rss+xml; charset=utf-8").send(feed.rss2());
    });
  } else {
    throw new Error(`unknown peer kind ${kind}`);
  }
  const server = app.listen(0, "127.0.0.1", () => announce(server.address()));
}
