// /api/members, behind the publishing API's token: list subscribers, create one (its feed URLs in
// the answer), rotate its token (the old URLs stop working), revoke it.
import { randomBytes } from "node:crypto";
import express, { type Router } from "express";
import { requireToken } from "../http/article-api.js";
import { HttpError } from "../http/errors.js";
import { type MemberRegistry, MemberRegistryError, type Subscriber } from "./registry.js";
import { type MemberTokens, subscriberIdPattern } from "./tokens.js";

/** The member feeds of one subscriber, by format. */
export function memberFeedUrls(siteUrl: string, token: string) {
  const base = `${siteUrl}/private/${token}`;
  return {
    rss: `${base}/rss.xml`,
    atom: `${base}/atom.xml`,
    json: `${base}/feed.json`,
    podcast: `${base}/podcast.xml`,
    home: `${base}/`,
  };
}

export function describeSubscriber(subscriber: Subscriber, tokens: MemberTokens, siteUrl: string) {
  const active = subscriber.revoked === undefined;
  return {
    id: subscriber.id,
    name: subscriber.name,
    created: subscriber.created,
    revoked: subscriber.revoked ?? null,
    tokenVersion: subscriber.version,
    feeds: active ? memberFeedUrls(siteUrl, tokens.token(subscriber)) : null,
  };
}

export function memberApi(deps: {
  token: string;
  registry: MemberRegistry;
  tokens: MemberTokens;
  siteUrl: string;
  addressesToday(id: string): number;
}): Router {
  const router = express.Router();
  router.use(requireToken(deps.token));
  router.use(express.json({ limit: 16 * 1024, strict: true }));
  const describe = (subscriber: Subscriber) => ({
    ...describeSubscriber(subscriber, deps.tokens, deps.siteUrl),
    addressesToday: deps.addressesToday(subscriber.id),
  });
  const registryCall = async (call: () => Promise<Subscriber>) => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof MemberRegistryError)
        throw new HttpError(error.status, error.message, { cause: error });
      throw error;
    }
  };

  router.get("/", (_req, res) => {
    res.set("Cache-Control", "no-store").json({ subscribers: deps.registry.list().map(describe) });
  });

  router.post("/", async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = body.id === undefined ? `m-${randomBytes(6).toString("hex")}` : body.id;
    const name = body.name ?? "";
    const problems: string[] = [];
    if (typeof id !== "string" || !subscriberIdPattern.test(id))
      problems.push("id: expected lowercase letters, digits and hyphens, at most 64");
    if (typeof name !== "string" || name.length > 200)
      problems.push("name: expected text of at most 200 characters");
    if (problems.length > 0) throw new HttpError(422, "The subscriber is not valid", { problems });
    const created = await registryCall(() =>
      deps.registry.create(id as string, name as string, new Date()),
    );
    res.status(201).set("Cache-Control", "no-store").json(describe(created));
  });

  router.post("/:id/rotate", async (req, res) => {
    const rotated = await registryCall(() => deps.registry.rotate(req.params.id as string));
    res.set("Cache-Control", "no-store").json(describe(rotated));
  });

  router.delete("/:id", async (req, res) => {
    await registryCall(() => deps.registry.revoke(req.params.id as string, new Date()));
    res.status(204).set("Cache-Control", "no-store").end();
  });
  return router;
}
