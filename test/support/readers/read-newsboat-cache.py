"""Prints newsboat's SQLite cache as JSON: its feeds with the validators it keeps, and its items
(for test/support/readers)."""
import json
import sqlite3
import sys

connection = sqlite3.connect(sys.argv[1])
connection.row_factory = sqlite3.Row
feeds = [dict(row) for row in connection.execute(
    "SELECT rssurl, title, lastmodified, etag FROM rss_feed")]
items = [dict(row) for row in connection.execute(
    "SELECT guid, title, author, url, feedurl, pubDate, content, enclosure_url, enclosure_type,"
    " deleted FROM rss_item ORDER BY pubDate DESC")]
print(json.dumps({"feeds": feeds, "items": items}))
