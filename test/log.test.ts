import { describe, expect, it } from "vitest";
import { createLogger, parseLogLevel } from "../src/log.js";

function collectingLogger(level: Parameters<typeof createLogger>[0]) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(level, {
    write: (line: string) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { logger, lines };
}

describe("the logger", () => {
  it("writes one JSON line per call with time, level and message, then the fields", () => {
    const { logger, lines } = collectingLogger("info");
    logger.warn("article skipped", { file: "a.md", reason: "no title" });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: "warn", message: "article skipped", file: "a.md" });
    expect(Date.parse(String(line?.time))).not.toBeNaN();
  });

  it("never lets a field overwrite time, level or message", () => {
    const { logger, lines } = collectingLogger("info");
    logger.error("feed failed", { time: 1, level: "info", message: "forged" });
    expect(lines[0]).toMatchObject({
      level: "error",
      message: "feed failed",
      "field.time": 1,
      "field.level": "info",
      "field.message": "forged",
    });
    expect(lines[0]?.time).not.toBe(1);
  });

  it("leaves out what is less severe than its level, and offers debug only at debug", () => {
    const quiet = collectingLogger("warn");
    quiet.logger.info("not shown");
    quiet.logger.warn("shown");
    expect(quiet.lines.map((line) => line.message)).toEqual(["shown"]);
    expect(quiet.logger.debug).toBeUndefined();
    const chatty = collectingLogger("debug");
    chatty.logger.debug?.("request", { status: 200 });
    expect(chatty.lines).toMatchObject([{ level: "debug", message: "request", status: 200 }]);
  });

  it("reads LOG_LEVEL, and names the values it takes when it cannot", () => {
    expect(parseLogLevel(undefined)).toBe("info");
    expect(parseLogLevel("DEBUG")).toBe("debug");
    expect(() => parseLogLevel("verbose")).toThrow(
      'LOG_LEVEL: expected one of debug, info, warn, error, silent, got "verbose"',
    );
  });
});
