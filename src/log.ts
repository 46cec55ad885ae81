// Structured logging through pino: one JSON object per line on stderr, with `time`, `level` and
// `message` first. LOG_LEVEL (debug, info, warn, error, silent; default info) filters. Tests pass
// their own Logger.
import { type DestinationStream, pino } from "pino";

export type LogFields = Record<string, unknown>;

export interface Logger {
  /** Only when LOG_LEVEL=debug: one line per request served, for example. */
  debug?(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const logLevels = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

/** The keys every line starts with; a field of the same name is written as `field.<name>`. */
const reservedKeys = new Set(["time", "level", "message"]);

function withoutReservedKeys(fields: LogFields | undefined): LogFields {
  if (fields === undefined) return {};
  let safe: LogFields | undefined;
  for (const key of Object.keys(fields)) {
    if (!reservedKeys.has(key)) continue;
    safe ??= { ...fields };
    safe[`field.${key}`] = safe[key];
    delete safe[key];
  }
  return safe ?? fields;
}

/** Reads LOG_LEVEL; anything else is refused with the values it may take. */
export function parseLogLevel(text: string | undefined): LogLevel {
  if (text === undefined || text === "") return "info";
  const level = logLevels.find((name) => name === text.toLowerCase());
  if (level === undefined)
    throw new Error(`LOG_LEVEL: expected one of ${logLevels.join(", ")}, got "${text}"`);
  return level;
}

/**
 * A logger writing JSON lines to `destination`: by default stderr (file descriptor 2),
 * synchronously, so nothing is lost on exit.
 */
export function createLogger(
  level: LogLevel,
  destination: DestinationStream = pino.destination({ dest: 2, sync: true }),
): Logger {
  const base = pino(
    {
      level,
      base: undefined,
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const debugEnabled = base.isLevelEnabled("debug");
  return {
    ...(debugEnabled
      ? { debug: (message, fields) => base.debug(withoutReservedKeys(fields), message) }
      : {}),
    info: (message, fields) => base.info(withoutReservedKeys(fields), message),
    warn: (message, fields) => base.warn(withoutReservedKeys(fields), message),
    error: (message, fields) => base.error(withoutReservedKeys(fields), message),
  };
}

/** The process's logger, at the level LOG_LEVEL names (info when unset or not understood). */
export const consoleLogger: Logger = createLogger(
  (() => {
    try {
      return parseLogLevel(process.env.LOG_LEVEL);
    } catch {
      return "info";
    }
  })(),
);

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
