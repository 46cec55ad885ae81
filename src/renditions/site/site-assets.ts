// The files every page refers to besides feeds: the favicon (SVG, and ICO for clients that ask for
// /favicon.ico) and the copy buttons' script. Their bytes come from the code, so a build takes the
// previous build's over unless the code changed.
import { copyButtonsPath, copyButtonsScript } from "../../pages/copy-buttons.js";
import { faviconIco, faviconSvg } from "../../pages/favicon.js";
import { absoluteUrl } from "../../urls.js";
import { Rendition } from "../rendition.js";
import { takeOverFromPrevious, unchangedSincePrevious } from "./reuse.js";
import { type Build, lastModifiedRule } from "./site-snapshot.js";

export const faviconSvgPath = "/favicon.svg";
export const faviconIcoPath = "/favicon.ico";

/** A script's URL names its content: a year of caching, and a new script gets a new URL. */
const hashedMaxAgeSeconds = 31_536_000;

/** The data shows no date: Last-Modified moves only with the bytes (the ledger), from 1970. */
const codeDate = new Date(0);

export function addSiteAssets(build: Build): void {
  const { site, siteUrl } = build.context;
  const assets = [
    {
      path: faviconSvgPath,
      mediaType: "image/svg+xml",
      body: faviconSvg,
      maxAge: site.maxAgeSeconds,
    },
    {
      path: faviconIcoPath,
      mediaType: "image/x-icon",
      body: faviconIco,
      maxAge: site.maxAgeSeconds,
    },
    {
      path: copyButtonsPath,
      mediaType: "text/javascript; charset=utf-8",
      body: copyButtonsScript,
      maxAge: hashedMaxAgeSeconds,
    },
  ];
  for (const asset of assets) {
    build.touched.add(asset.path);
    if (unchangedSincePrevious(build, asset.path, [asset.body, asset.maxAge])) {
      takeOverFromPrevious(build, asset.path);
      continue;
    }
    build.renditions.set(
      asset.path,
      new Rendition({
        path: asset.path,
        mediaType: asset.mediaType,
        body: asset.body,
        lastModified: lastModifiedRule(build, asset.path)(codeDate),
        maxAgeSeconds: asset.maxAge,
        kind: "page",
        selfUrl: absoluteUrl(siteUrl, asset.path),
        hubs: [],
      }),
    );
  }
}
