// The HTTP server around the request handler: how long a client may take (Node's headersTimeout,
// requestTimeout, keepAliveTimeout and an idle-socket timeout), how many pipelined requests one
// connection may have waiting for their answers, and a shutdown that ends as soon as no request is
// left instead of waiting for keep-alive connections to time out.
import { createServer, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { HttpLimits } from "../config.js";

export interface HttpServer {
  server: Server;
  /**
   * Stops accepting connections, closes the idle ones, answers every request still coming with
   * `Connection: close`, and resolves as soon as the last connection has closed: `drained` when
   * every request in flight was answered, `timed out` when some still ran after drainTimeoutMs
   * (their connections are then closed).
   */
  drain(): Promise<"drained" | "timed out">;
}

/** What one connection has waiting: requests not yet answered, and whether it is being closed. */
interface ConnectionState {
  socket: Socket;
  waiting: number;
  overrun: boolean;
}

export function createHttpServer(handler: RequestListener, limits: HttpLimits): HttpServer {
  const connections = new Map<Socket, ConnectionState>();
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts above every 30 s by default, so a slow client could hold a
      // socket 30 s past them; checking each second keeps them close to what they say.
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (req, res) => {
      const state = connections.get(req.socket);
      // Requests parsed after the one that was refused are never answered: the connection closes.
      if (state === undefined || state.overrun) return;
      if (state.waiting >= limits.maxPipelinedRequests) {
        state.overrun = true;
        res.writeHead(503, {
          Connection: "close",
          "Retry-After": "1",
          "Cache-Control": "no-store",
          "Content-Type": "text/plain; charset=utf-8",
        });
        res.end("Too many pipelined requests on one connection\n");
        return;
      }
      state.waiting += 1;
      inFlight.add(res);
      res.once("close", () => {
        state.waiting -= 1;
        inFlight.delete(res);
        // The last answer of a connection is written: while draining, it closes now instead of
        // waiting for its keep-alive timeout.
        if (draining && state.waiting === 0) state.socket.end();
      });
      if (draining) res.setHeader("Connection", "close");
      handler(req, res);
    },
  );
  server.timeout = limits.idleTimeoutMs;
  server.on("connection", (socket: Socket) => {
    connections.set(socket, { socket, waiting: 0, overrun: false });
    socket.once("close", () => connections.delete(socket));
  });

  const drain = () =>
    new Promise<"drained" | "timed out">((resolve) => {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
      const timer = setTimeout(() => {
        server.closeAllConnections();
        resolve("timed out");
      }, limits.drainTimeoutMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve("drained");
      });
      // Idle keep-alive connections, and those still sending a request head, have nothing to
      // finish: they close now.
      for (const state of connections.values()) if (state.waiting === 0) state.socket.destroy();
    });
  return { server, drain };
}
