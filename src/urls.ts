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

/**
 * Where the media folder serves one version of a file: /media/<version>/<stem>.<version><ext>
 * (ep1.wav becomes /media/3fa4c2d1e5b6a7f8/ep1.3fa4c2d1e5b6a7f8.wav). The version is in the last
 * segment too because podcast apps (podboat, and players that save downloads by that segment)
 * name a download after it: a replaced file must not look like the one already downloaded.
 */
export function mediaPath(version: string, name: string): string {
  return `/media/${version}/${encodeURIComponent(versionedFileName(version, name))}`;
}

/** The last segment of a media URL, and the name of its copy: ep1.wav as ep1.<version>.wav. */
export function versionedFileName(version: string, name: string): string {
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? `${name}.${version}` : `${name.slice(0, dot)}.${version}${name.slice(dot)}`;
}

/**
 * The media folder file a URL's last segment names under /media/<version>/: the segment
 * mediaPath writes (the version taken out again), or, as URLs were written before the version
 * went into the segment, the file name itself.
 */
export function mediaFileNameOf(version: string, segment: string): string {
  const versioned = new RegExp(`^(.+)\\.${version}((?:\\.[^.]+)?)$`).exec(segment);
  return versioned === null ? segment : `${versioned[1]}${versioned[2]}`;
}

/** The site path of one version of an image of the images folder. */
export function imagePath(version: string, name: string): string {
  return `/images/${version}/${encodeURIComponent(versionedFileName(version, name))}`;
}
