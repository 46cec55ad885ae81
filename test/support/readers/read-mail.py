"""Prints the messages of a Maildir as JSON: decoded headers and the text and HTML parts (for
test/support/readers, which reads what rss2email and feed2exec delivered)."""
import email.policy
import json
import mailbox
import sys



def delivered(key):
    """When the mail was delivered, from its Maildir name: seconds, then "M" and microseconds."""
    seconds, _, rest = key.partition(".")
    micros = rest[1:].split("P")[0] if rest.startswith("M") else "0"
    return int(seconds) + int(micros or 0) / 1e6


messages = []
box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
for key, message in sorted(box.items(), key=lambda pair: delivered(pair[0])):
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    parts = {"text/plain": None, "text/html": None}
    for part in parsed.walk():
        kind = part.get_content_type()
        if kind in parts and parts[kind] is None and not part.is_multipart():
            parts[kind] = part.get_content()
    messages.append({
        "headers": {name.lower(): str(value).strip() for name, value in parsed.items()},
        "text": parts["text/plain"],
        "html": parts["text/html"],
    })
print(json.dumps(messages))
