// The one header policy for every prebuilt response: the server sends these headers from memory
// and `wirefeed export` writes the same ones into headers.json, so a CDN serving the export answers
// exactly as the server would.
import type { OutgoingHttpHeaders } from "node:http";
import type { Rendition, RenditionVariant } from "../renditions/rendition.js";
import { pageSecurityHeaders } from "./security-headers.js";

export interface VariantHeaders {
  ok: OutgoingHttpHeaders;
  notModified: OutgoingHttpHeaders;
}

const headersByVariant = new WeakMap<RenditionVariant, VariantHeaders>();

/** Every header a 200 carries; a 304 repeats them less the body's own (RFC 9110 §15.4.5). */
export function renditionHeaders(rendition: Rendition, variant: RenditionVariant): VariantHeaders {
  let headers = headersByVariant.get(variant);
  if (headers === undefined) {
    const shared: OutgoingHttpHeaders = {
      ETag: variant.etag,
      "Last-Modified": rendition.lastModified.toUTCString(),
      "Cache-Control": `public, max-age=${rendition.maxAgeSeconds}`,
      Vary: "Accept-Encoding",
      "X-Content-Type-Options": "nosniff",
    };
    if (rendition.kind === "feed") {
      shared["Access-Control-Allow-Origin"] = "*";
      // WebSub discovery: one rel="self" and one rel="hub" per hub, on 200, 304 and HEAD alike.
      shared.Link = [
        `<${rendition.selfUrl}>; rel="self"`,
        ...rendition.hubs.map((hub) => `<${hub}>; rel="hub"`),
      ].join(", ");
    }
    if (rendition.kind === "page") Object.assign(shared, pageSecurityHeaders);
    const ok: OutgoingHttpHeaders = {
      "Content-Type": rendition.mediaType,
      "Content-Length": variant.body.length,
      ...shared,
    };
    if (variant.encoding !== "identity") ok["Content-Encoding"] = variant.encoding;
    headers = { ok, notModified: shared };
    headersByVariant.set(variant, headers);
  }
  return headers;
}
