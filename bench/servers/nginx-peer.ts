// nginx as a peer: Debian's nginx-light, one worker, `sendfile on`, `gzip_static on`, serving the
// files `wirefeed export` wrote (the identical bytes) from a temporary prefix on 127.0.0.1, with
// the headers headers.json gives for /rss.xml. nginx-light has no brotli module: a request that
// accepts only br gets the identity bytes. Started as root, nginx runs its worker as `nobody`: the
// exported folder and its parents must be readable by others.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export interface NginxPeer {
  /** The master process; the worker is its child. */
  child: ChildProcess;
  baseUrl: string;
  stderr: string[];
}

/** Headers nginx sets itself from the file (or must not repeat): everything else is added. */
const ownHeaders = new Set([
  "content-type",
  "content-length",
  "etag",
  "last-modified",
  "content-encoding",
  "vary",
]);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function quoted(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function configText(exportDir: string, prefix: string, port: number): string {
  const listing = JSON.parse(readFileSync(path.join(exportDir, "headers.json"), "utf8")) as Record<
    string,
    { headers: Record<string, string> }
  >;
  const rss = listing["/rss.xml"];
  if (rss === undefined) throw new Error(`${exportDir}/headers.json lists no /rss.xml`);
  const added = Object.entries(rss.headers)
    .filter(([name]) => !ownHeaders.has(name.toLowerCase()))
    .map(([name, value]) => `      add_header ${name} ${quoted(value)} always;`);
  return `worker_processes 1;
daemon off;
pid ${path.join(prefix, "nginx.pid")};
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  gzip_static on;
  gzip_vary on;
  client_body_temp_path ${path.join(prefix, "body")};
  proxy_temp_path ${path.join(prefix, "proxy")};
  fastcgi_temp_path ${path.join(prefix, "fastcgi")};
  uwsgi_temp_path ${path.join(prefix, "uwsgi")};
  scgi_temp_path ${path.join(prefix, "scgi")};
  types { application/rss+xml xml; }
  charset utf-8;
  charset_types application/rss+xml;
  server {
    listen 127.0.0.1:${port};
    root ${exportDir};
    location = /rss.xml {
${added.join("\n")}
    }
  }
}
`;
}

/** Starts nginx on the exported files and resolves once it answers /rss.xml. */
export async function startNginx(exportDir: string, prefix: string): Promise<NginxPeer> {
  mkdirSync(prefix, { recursive: true });
  const port = await freePort();
  const config = path.join(prefix, "nginx.conf");
  writeFileSync(config, configText(exportDir, prefix, port));
  const child = spawn("nginx", ["-p", prefix, "-c", config, "-e", "stderr"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) =>
      reject(new Error(`nginx exited with ${code}: ${stderr.join("")}`)),
    ),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const answering = (async () => {
    let last = "no answer";
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        const response = await fetch(`${baseUrl}/rss.xml`);
        await response.arrayBuffer();
        if (response.status === 200) return;
        last = `HTTP ${response.status}`;
      } catch (error) {
        last = String(error); // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`nginx did not serve /rss.xml within 5 s (${last}): ${stderr.join("")}`);
  })();
  await Promise.race([answering, exited]);
  return { child, baseUrl, stderr };
}
