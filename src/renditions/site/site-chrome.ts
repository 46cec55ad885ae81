// What every page of a site shows alike (SiteChrome): its name, language, time zone and the
// addresses of its main pages and favicon, made absolute against the site URL.
import type { SiteChrome } from "../../pages/layout.js";
import type { SiteMetadata } from "../../site/site-metadata.js";
import { absoluteUrl } from "../../urls.js";
import { faviconSvgPath } from "./site-assets.js";

export const feedsPagePath = "/feeds/";

export const archiveIndexPath = "/archive/";

export function siteChrome(site: SiteMetadata, siteUrl: string): SiteChrome {
  return {
    siteTitle: site.title,
    language: site.language,
    timeZone: site.timeZone ?? "UTC",
    homeUrl: absoluteUrl(siteUrl, "/"),
    feedsUrl: absoluteUrl(siteUrl, feedsPagePath),
    archiveUrl: absoluteUrl(siteUrl, archiveIndexPath),
    faviconUrl: absoluteUrl(siteUrl, faviconSvgPath),
  };
}
