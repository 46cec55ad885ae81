// Where things live on the site. Paths are fixed; absolute URLs add the configured SITE_URL.

export function articlePath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}`;
}

/** Makes a site path (or an already absolute URL) absolute against the site URL. */
export function absoluteUrl(siteUrl: string, pathOrUrl: string): string {
  // A site path is under the site URL's own path (a site at https://example.com/news, or the
  // member edition under /private/<token>), not at the host's root.
  if (pathOrUrl.startsWith("/") && !pathOrUrl.startsWith("//"))
    return new URL(`${siteUrl}${pathOrUrl}`).href;
  return new URL(pathOrUrl, `${siteUrl}/`).href;
}

/** Where the media folder serves one version of a file: /media/<version>/<name>. */
export function mediaPath(version: string, name: string): string {
  return `/media/${version}/${encodeURIComponent(name)}`;
}
