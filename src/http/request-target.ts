// The request target in origin form. HTTP/1.1 servers must accept the absolute form too
// (`GET http://news.example.com/rss.xml`, RFC 9112 §3.2.2), which proxies send and some clients
// send to origins; Node hands it over as written. Every route matches on the origin form, so the
// absolute form is rewritten to it once, before anything else looks at the URL: the path and query
// are kept byte for byte, exactly as an origin-form request would carry them.

/** `http://` or `https://` and an authority; the scheme is case-insensitive (RFC 9110 §4.2.3). */
const absoluteFormPrefix = /^https?:\/\/([^/?#]*)/i;

/**
 * The origin form of a request target: the target itself when it is not in absolute form,
 * `/` plus the query for an absolute form without a path, or undefined for an absolute form
 * without a host (`http:///rss.xml`, which RFC 9110 §4.2.1 forbids).
 */
export function originFormOf(target: string): string | undefined {
  if (target.startsWith("/")) return target;
  const prefix = absoluteFormPrefix.exec(target);
  if (prefix === null) return target;
  const authority = prefix[1] ?? "";
  if (authority === "" || authority.startsWith(":") || authority.includes("@")) return undefined;
  const rest = target.slice(prefix[0].length);
  return rest.startsWith("/") ? rest : `/${rest}`;
}
