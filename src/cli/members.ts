// `wirefeed members`: lists the subscribers of member feeds (MEMBERS_FILE) with their feed URLs
// (which need MEMBER_KEY). Subscribers are created, rotated and revoked through /api/members.
import { ConfigError, loadConfig } from "../config.js";
import { describeSubscriber } from "../members/member-api.js";
import { MemberRegistry } from "../members/registry.js";
import { MemberTokens } from "../members/tokens.js";

export const membersUsage = `Usage: wirefeed members [--json]

Lists the subscribers of member feeds: id, name, when created or revoked, and the feed URLs of
each active one. Needs MEMBER_KEY (and MEMBERS_FILE or STATE_DIR, as the server has them).`;

export async function runMembers(
  args: string[],
  output: { out(line: string): void; err(line: string): void },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    output.out(membersUsage);
    return 0;
  }
  const unknown = args.filter((arg) => arg !== "--json");
  if (unknown.length > 0) {
    output.err(`wirefeed members: unknown argument "${unknown[0]}"\n\n${membersUsage}`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env, process.cwd());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.err(error.message);
    return 2;
  }
  if (config.members === undefined) {
    output.err("wirefeed members: member feeds are off; set MEMBER_KEY");
    return 2;
  }
  const registry = new MemberRegistry(config.members.file);
  const tokens = new MemberTokens(config.members.key);
  const subscribers = registry
    .list()
    .map((subscriber) => describeSubscriber(subscriber, tokens, config.siteUrl));
  if (args.includes("--json")) {
    output.out(JSON.stringify({ subscribers }, null, 2));
    return 0;
  }
  if (subscribers.length === 0) output.out(`no subscribers in ${config.members.file}`);
  for (const subscriber of subscribers) {
    const state =
      subscriber.revoked === null ? `since ${subscriber.created}` : `revoked ${subscriber.revoked}`;
    output.out(`${subscriber.id}\t${subscriber.name}\t${state}`);
    if (subscriber.feeds !== null)
      for (const [format, url] of Object.entries(subscriber.feeds))
        output.out(`  ${format}\t${url}`);
  }
  return 0;
}
