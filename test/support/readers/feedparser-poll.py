"""Polls one feed with Debian's python3-feedparser, conditionally when given the validators of
the last poll, and prints what feedparser made of it as JSON (for test/support/readers)."""
import calendar
import html
import json
import re
import sys

import feedparser

url, etag, modified, agent = sys.argv[1:5]
parsed = feedparser.parse(url, etag=etag or None, modified=modified or None, agent=agent)


def instant(parsed_time):
    return None if parsed_time is None else calendar.timegm(parsed_time) * 1000


def shown(detail):
    """A title as an application shows it: HTML (which feedparser guesses an RSS title may be)
    rendered to its text, plain text as it is."""
    value = detail.get("value")
    if value is None or detail.get("type") not in ("text/html", "application/xhtml+xml"):
        return value
    return html.unescape(re.sub(r"<[^>]*>", "", value))


def entry(item):
    return {
        "id": item.get("id"),
        "title": item.get("title"),
        "title_shown": shown(item.get("title_detail", {})),
        "title_type": item.get("title_detail", {}).get("type"),
        "published": instant(item.get("published_parsed")),
        "updated": instant(item.get("updated_parsed")),
        "author": item.get("author"),
        "summary": item.get("summary"),
        "content": [content.get("value") for content in item.get("content", [])],
        "enclosures": [link.get("href") for link in item.get("enclosures", [])],
    }


print(json.dumps({
    "status": parsed.get("status"),
    "bozo": bool(parsed.get("bozo")),
    "bozo_exception": str(parsed.get("bozo_exception", "")),
    "etag": parsed.get("etag", ""),
    "modified": parsed.get("modified", ""),
    "feed_author": parsed.feed.get("author"),
    "feed_publisher": parsed.feed.get("publisher"),
    # An RFC 6721 tombstone outside the entries is read into the feed's own fields.
    "feed_deleted_entry": parsed.feed.get("at_deleted-entry"),
    "feed_comment": parsed.feed.get("at_comment"),
    "entries": [entry(item) for item in parsed.entries],
}))
