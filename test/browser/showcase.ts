// A small newsroom with one page of every type, served by the real service on 127.0.0.1, for the
// browser suite and `npm run screenshots`. Lead images come from a second loopback server (the
// article image URLs are absolute), so nothing the browser loads leaves the machine.
import { createServer } from "node:http";
import { encodePng } from "../../src/pages/png-image.js";
import { makeArticlesDir, markdownArticle } from "../support/articles-dir.js";
import { type Cleanup, listenOnLoopback, startTestServer } from "../support/server.js";
import { testSite } from "../support/site.js";

/** A harbour at dusk, drawn in code: a sky fading to the horizon and a sea of darker bands. */
function harbourPicture(width: number, height: number, warmth: number): Buffer {
  const pixels = Buffer.alloc(width * height * 4);
  const horizon = Math.round(height * 0.62);
  for (let y = 0; y < height; y++) {
    const sky = y / horizon;
    const depth = (y - horizon) / (height - horizon);
    const band = Math.sin(y * 0.35) * 0.5 + 0.5;
    const rgb =
      y < horizon
        ? [240 - 150 * sky + warmth, 170 - 60 * sky, 120 + 40 * sky]
        : [40 - 20 * depth + 20 * band, 80 - 30 * depth + 25 * band, 120 - 40 * depth + 30 * band];
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      rgb.forEach((channel, i) => {
        pixels[offset + i] = Math.max(0, Math.min(255, Math.round(channel)));
      });
      pixels[offset + 3] = 255;
    }
  }
  return encodePng(width, height, pixels);
}

/** Serves the showcase's lead images (2000×1250 and 1200×1200) as an image host would. */
async function startImageHost(cleanup: Cleanup): Promise<string> {
  const pictures = new Map([
    ["/chamber.png", harbourPicture(2000, 1250, 0)],
    ["/harbour.png", harbourPicture(1200, 1200, 15)],
  ]);
  const server = createServer((req, res) => {
    const body = pictures.get(req.url ?? "");
    if (body === undefined) res.writeHead(404).end();
    else
      res.writeHead(200, { "Content-Type": "image/png", "Content-Length": body.length }).end(body);
  });
  return listenOnLoopback(server, cleanup);
}

const longLine = `const figures = [${Array.from({ length: 40 }, (_, i) => i * 1234).join(", ")}];`;
const longWord = `Donaudampfschifffahrtsgesellschaftskapitän${"s".repeat(60)}`;

/** Markup that tries to run script, load frames, post forms and widen the page. */
const hostileBody = `The budget passed <script>alert(1)</script> late at night.

<img src="/favicon.svg" onerror=alert(2)>
<a href="javascript:alert(3)">click me</a>
<iframe src="javascript:alert(4)"></iframe>
<div onclick="alert(5)" style="width:3000px">A div that asks to be 3000 px wide.</div>
<form action="/nowhere"><input name=q><button>go</button></form>
<svg onload=alert(6)><circle r=1 /></svg>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==">data URL</a>
<meta http-equiv="refresh" content="0;url=javascript:alert(8)">
<style>body{background:red}</style>
<object data="x.swf"></object>

<p>A safe <a href="/articles/plain">link</a> stays.</p>
`;

const plainBody = `Ministers met on Monday to agree the figures. The vote follows weeks of talks between
the coalition parties, and the opposition says it will challenge the result.

## The figures

The table and the code below are as wide as the data they hold; neither widens the page.

| item | 2025 | 2026 |
|---|---|---|
| schools | 12.1 | 12.9 |
| hospitals | 30.4 | 31.0 |

\`\`\`
${longLine}
\`\`\`

An unbroken word such as ${longWord} wraps too, and so does
https://news.example.com/a/very/long/address/that/someone/pasted/into/the/article/without/any/break.
`;

function article(meta: Record<string, unknown>, body: string): string {
  return markdownArticle(meta, body);
}

export interface Showcase {
  baseUrl: string;
}

export async function startShowcase(cleanup: Cleanup): Promise<Showcase> {
  const images = await startImageHost(cleanup);
  const dir = await makeArticlesDir(
    {
      "budget.md": article(
        {
          title: "Parliament passes the budget after a night of votes",
          published: "2026-03-02T23:30:00Z",
          updated: "2026-03-03T07:45:00Z",
          author: "Ana Ruiz",
          tags: ["Economy", "Politics"],
          summary: "The coalition held together on the last of 41 votes.",
          image: {
            url: `${images}/chamber.png`,
            alt: "The chamber during the final vote",
            caption: "The chamber during the final vote.",
            width: 2000,
            height: 1250,
          },
        },
        "The coalition held together on the last of 41 votes, shortly after one in the morning.",
      ),
      "plain.md": article(
        {
          title: "What the budget means for schools and hospitals",
          published: "2026-03-02T10:00:00Z",
          author: ["Li Wei", "Ana Ruiz"],
          tags: ["Economy"],
        },
        plainBody,
      ),
      "harbour.md": article(
        {
          title: "The harbour reopens after the storm",
          published: "2026-03-01T06:15:00Z",
          author: "Sam Okafor",
          tags: ["Weather"],
          summary: "Ferries run again from Tuesday morning.",
          image: {
            url: `${images}/harbour.png`,
            alt: "The harbour at dawn",
            width: 1200,
            height: 1200,
          },
        },
        "Ferries run again from Tuesday morning, the port authority said.",
      ),
      "arabic.md": article(
        {
          title: "البرلمان يقر الميزانية بعد ليلة من التصويت",
          published: "2026-03-01T12:00:00Z",
          language: "ar",
          author: "سارة خليل",
          tags: ["عربي"],
        },
        "صوّت البرلمان على الميزانية في ساعة متأخرة من الليل بعد نقاش طويل.",
      ),
      "hostile.md": article(
        {
          title: "<script>alert('title')</script> Budget <img src=x onerror=alert(1)>",
          published: "2026-02-27T09:30:00Z",
          tags: ["Economy"],
        },
        hostileBody,
      ),
    },
    { withSeed: true, cleanup },
  );
  const server = await startTestServer(dir, {
    site: testSite({
      title: "Harbour Gazette",
      description: "News from the harbour town, as it happens",
      timeZone: "Europe/Paris",
    }),
    cleanup,
  });
  return { baseUrl: server.baseUrl };
}

/** One page of every type the site serves, by a name the screenshots take. */
export const pageTypes: ReadonlyArray<{ name: string; path: string; status?: number }> = [
  { name: "home", path: "/" },
  { name: "article", path: "/articles/plain" },
  { name: "article-with-image", path: "/articles/budget" },
  { name: "tag", path: "/tags/economy/" },
  { name: "author", path: "/authors/ana-ruiz/" },
  // A section whose name is in another script: its slug is percent-encoded.
  { name: "section-arabic", path: "/tags/%D8%B9%D8%B1%D8%A8%D9%8A/" },
  { name: "archive-month", path: "/archive/2026-03/" },
  { name: "archive", path: "/archive/" },
  { name: "feeds", path: "/feeds/" },
  { name: "not-found", path: "/no/such/page", status: 404 },
  { name: "article-rtl", path: "/articles/arabic" },
  { name: "article-hostile", path: "/articles/hostile" },
];
