// The stall rules of /healthz, on a clock the test moves: a store queue that does not drain, a
// build that failed after a change, a folder fault; each cause logged once while it lasts.
import { describe, expect, it } from "vitest";
import { PublishingHealth } from "../src/publishing-health.js";
import { recordingLogger } from "./support/server.js";

const quiet = { articles: 1, problems: [], warnings: [], invalidFeeds: [], hubQueue: 0 };

function healthOnMovedClock() {
  const logger = recordingLogger();
  let elapsed = 0;
  const health = new PublishingHealth(
    logger,
    () => Date.UTC(2026, 0, 1),
    { stalledAfterMs: 1000 },
    () => elapsed,
  );
  return { health, logger, move: (ms: number) => (elapsed += ms) };
}

describe("publishing health", () => {
  it("turns degraded when a store turn does not end within the bound, and says so once", async () => {
    const { health, logger, move } = healthOnMovedClock();
    let finish = () => {};
    const turn = health.turn(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(health.report(quiet)).toMatchObject({ status: "ok", queue: { store: 1 } });
    move(1500);
    const stalled = health.report(quiet);
    expect(stalled.status).toBe("degraded");
    expect(stalled.reasons).toEqual([
      "the store's queue is not draining: a change has waited 2 s (1 in the queue)",
    ]);
    move(1000);
    health.check();
    expect(
      logger.entries.filter((entry) => entry.message === "publishing is degraded"),
    ).toHaveLength(1);
    finish();
    await turn;
    expect(health.report(quiet)).toMatchObject({ status: "ok", reasons: [], queue: { store: 0 } });
  });

  it("turns degraded when the last build failed after a change, until a build succeeds", () => {
    const { health } = healthOnMovedClock();
    health.built(true);
    health.changed();
    health.buildFailed(new Error("out of memory"));
    expect(health.report(quiet).reasons).toEqual([
      "the last successful build is older than the last change to the articles: out of memory",
    ]);
    health.built(true);
    expect(health.report(quiet)).toMatchObject({
      status: "ok",
      lastPublish: "2026-01-01T00:00:00.000Z",
    });
  });

  it("reports a folder fault with its reason until it clears", () => {
    const { health, logger } = healthOnMovedClock();
    health.folderFault("ARTICLES_DIR is gone");
    expect(health.report(quiet).reasons).toEqual(["ARTICLES_DIR is gone"]);
    expect(logger.entries).toContainEqual({
      level: "warn",
      message: "publishing is degraded",
      fields: { cause: "ARTICLES_DIR is gone" },
    });
    health.folderFault(undefined);
    expect(health.report(quiet).status).toBe("ok");
  });
});
