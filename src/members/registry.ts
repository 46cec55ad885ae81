// The subscribers of member feeds, in one JSON file (MEMBERS_FILE): who they are, the version of
// their current token, and whether they were revoked. Written atomically (a temporary file renamed
// over it); every process serving the same file notices a change within half a second, so a
// revocation made through one replica reaches the others that share the file.
import { readFileSync, unwatchFile, watchFile } from "node:fs";
import { mkdir, open, rm, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../articles/write.js";
import { subscriberIdPattern } from "./tokens.js";

const subscriberSchema = z
  .object({
    id: z.string().regex(subscriberIdPattern),
    name: z.string(),
    version: z.int().positive(),
    created: z.string(),
    revoked: z.string().optional(),
  })
  .strict();

const fileSchema = z.object({ subscribers: z.array(subscriberSchema) }).strict();

export type Subscriber = z.infer<typeof subscriberSchema>;

/** How often the file is checked for changes made by another process. */
export const registryPollMs = 500;

export class MemberRegistryError extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = "MemberRegistryError";
  }
}

/** A lock older than this was left by a process that died while writing: it is broken. */
const staleLockMs = 10_000;

/**
 * Runs `task` holding `<file>.lock`, created exclusively, so that processes sharing the file
 * change it one at a time (a revocation on one server is never overwritten by another's write).
 */
async function withFileLock<T>(file: string, task: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + 2 * staleLockMs;
  for (;;) {
    try {
      const handle = await open(lock, "wx");
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const held = await stat(lock).catch(() => undefined);
      if (held !== undefined && Date.now() - held.mtimeMs > staleLockMs)
        await rm(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`${lock}: held for too long`);
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  try {
    return await task();
  } finally {
    await rm(lock, { force: true });
  }
}

export class MemberRegistry {
  readonly file: string;
  #subscribers = new Map<string, Subscriber>();
  #writing: Promise<unknown> = Promise.resolve();
  #watching = false;

  constructor(file: string) {
    this.file = file;
    this.#load();
  }

  #load(): void {
    let text: string;
    try {
      text = readFileSync(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        this.#subscribers = new Map();
        return;
      }
      throw error;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new Error(`${this.file}: not a members file: ${parsed.error.message}`);
    this.#subscribers = new Map(parsed.data.subscribers.map((s) => [s.id, s]));
  }

  /** Reloads the file whenever it changes; a file that cannot be read keeps the last good list. */
  watch(onError: (error: Error) => void): () => void {
    if (!this.#watching) {
      this.#watching = true;
      watchFile(this.file, { interval: registryPollMs, persistent: false }, () => {
        try {
          this.#load();
        } catch (error) {
          onError(error as Error);
        }
      });
    }
    return () => {
      unwatchFile(this.file);
      this.#watching = false;
    };
  }

  list(): Subscriber[] {
    return [...this.#subscribers.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  get(id: string): Subscriber | undefined {
    return this.#subscribers.get(id);
  }

  /** Whether a token of this version is the subscriber's current one and not revoked. */
  isCurrent(id: string, version: number): boolean {
    const subscriber = this.#subscribers.get(id);
    return (
      subscriber !== undefined && subscriber.revoked === undefined && subscriber.version === version
    );
  }

  async #change(update: (subscribers: Map<string, Subscriber>) => Subscriber): Promise<Subscriber> {
    const task = this.#writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      return withFileLock(this.file, async () => {
        // Read under the lock: what another process wrote last is what this change builds on.
        this.#load();
        const next = new Map(this.#subscribers);
        const changed = update(next);
        await writeFileAtomic(
          path.dirname(this.file),
          path.basename(this.file),
          `${JSON.stringify({ subscribers: [...next.values()] }, null, 2)}\n`,
        );
        this.#subscribers = next;
        return changed;
      });
    });
    this.#writing = task.catch(() => {});
    return task;
  }

  create(id: string, name: string, now: Date): Promise<Subscriber> {
    return this.#change((subscribers) => {
      if (subscribers.has(id))
        throw new MemberRegistryError(409, `a subscriber with id "${id}" exists`);
      const subscriber: Subscriber = { id, name, version: 1, created: now.toISOString() };
      subscribers.set(id, subscriber);
      return subscriber;
    });
  }

  /** A new token for the subscriber: the old one stops working. */
  rotate(id: string): Promise<Subscriber> {
    return this.#change((subscribers) => {
      const subscriber = this.#existing(subscribers, id);
      const rotated = { ...subscriber, version: subscriber.version + 1 };
      subscribers.set(id, rotated);
      return rotated;
    });
  }

  revoke(id: string, now: Date): Promise<Subscriber> {
    return this.#change((subscribers) => {
      const subscriber = this.#existing(subscribers, id);
      const revoked = { ...subscriber, revoked: subscriber.revoked ?? now.toISOString() };
      subscribers.set(id, revoked);
      return revoked;
    });
  }

  #existing(subscribers: Map<string, Subscriber>, id: string): Subscriber {
    const subscriber = subscribers.get(id);
    if (subscriber === undefined) throw new MemberRegistryError(404, `no subscriber "${id}"`);
    return subscriber;
  }
}
