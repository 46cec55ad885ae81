// The one script of the public pages: it shows /feeds/'s "Copy" buttons and copies a feed address
// to the clipboard, or selects it where the clipboard is not offered (a page not served over
// HTTPS). Served same-origin at a URL named after its content, so it can be cached for a year.
import { createHash } from "node:crypto";

export const copyButtonsScript = `"use strict";
for (const button of document.querySelectorAll("button[data-copy]")) {
  const status = button.parentElement.querySelector(".copy-status");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      status.textContent = "Copied";
    } catch {
      getSelection().selectAllChildren(button.parentElement.querySelector("code"));
      status.textContent = "Selected: press Ctrl+C or \\u2318C to copy";
    }
  });
}
`;

/** /assets/copy-buttons.<hash>.js: a new script gets a new URL. */
export const copyButtonsPath = `/assets/copy-buttons.${createHash("sha256")
  .update(copyButtonsScript)
  .digest("base64url")
  .slice(0, 12)}.js`;
