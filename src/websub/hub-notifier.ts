// WebSub publishing (W3C WebSub §6): after a change is servable, every hub is told which topic
// URLs changed (POST hub.mode=publish with hub.url and hub.topic, the two names hubs use). Runs in
// the background with a timeout per request and retries with back-off; never delays a request.
import type { Logger } from "../log.js";

export interface HubNotifierOptions {
  hubs: readonly string[];
  logger: Logger;
  /** Waits before each retry of a failed notification, in ms. */
  retryDelaysMs?: readonly number[];
  /** How long one request to a hub may take, in ms. */
  timeoutMs?: number;
}

export interface HubNotifier {
  /** Tells every hub that these absolute topic URLs changed. Returns at once. */
  notify(topics: readonly string[]): void;
  /** Resolves when every notification so far has succeeded or been given up. */
  settled(): Promise<void>;
  /** Cancels pending retries. */
  close(): void;
  /** Notifications in flight or waiting to be retried. */
  pendingCount(): number;
}

export const defaultRetryDelaysMs = [1_000, 5_000, 30_000] as const;

export function createHubNotifier(options: HubNotifierOptions): HubNotifier {
  const { hubs, logger } = options;
  const retryDelays = options.retryDelaysMs ?? defaultRetryDelaysMs;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pending = new Set<Promise<void>>();
  /** Pending back-off waits: close() ends them at once (they resolve false). */
  const waits = new Map<NodeJS.Timeout, (proceed: boolean) => void>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (closed) {
        resolve(false);
        return;
      }
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve(true);
      }, ms);
      waits.set(timer, resolve);
    });

  async function ping(hub: string, topic: string): Promise<void> {
    const body = new URLSearchParams({
      "hub.mode": "publish",
      "hub.url": topic,
      "hub.topic": topic,
    });
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      try {
        const response = await fetch(hub, {
          method: "POST",
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer();
        if (response.ok) {
          logger.info("hub notified", { hub, topic, status: response.status });
          return;
        }
        failure = `HTTP ${response.status}`;
      } catch (error) {
        failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      const delay = retryDelays[attempt];
      if (delay === undefined) {
        logger.error("hub notification given up", {
          hub,
          topic,
          attempts: attempt + 1,
          reason: failure,
        });
        return;
      }
      logger.warn("hub notification failed; will retry", {
        hub,
        topic,
        reason: failure,
        retryInMs: delay,
      });
      if (!(await wait(delay))) return;
    }
  }

  return {
    notify(topics) {
      for (const hub of hubs) {
        for (const topic of topics) {
          const task = ping(hub, topic).finally(() => pending.delete(task));
          pending.add(task);
        }
      }
    },
    pendingCount: () => pending.size,
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close() {
      closed = true;
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve(false);
      }
      waits.clear();
    },
  };
}
