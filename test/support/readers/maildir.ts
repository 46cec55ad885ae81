// The messages a reader delivered to a Maildir, decoded by Python's email package.
import { runPythonHelper } from "./python.js";

export interface DeliveredMail {
  /** Header names in lower case, values decoded (RFC 2047). */
  headers: Record<string, string>;
  text: string | null;
  html: string | null;
}

/** The messages delivered to a Maildir folder, oldest first. */
export function readMaildir(home: string, maildir: string): Promise<DeliveredMail[]> {
  return runPythonHelper<DeliveredMail[]>(home, "read-mail.py", [maildir]);
}

/** The display name of a From header such as `"Example News: Ana Ruiz" <user@host>`. */
export function displayName(from: string): string {
  const match = /^\s*"?(.*?)"?\s*<[^>]*>\s*$/.exec(from);
  return match?.[1] ?? from;
}
