// The page a withdrawn article's URL answers with (410 Gone): what was there, since when, and why
// when the publisher gave a reason.
import type { DateTime } from "luxon";
import { html } from "./html.js";
import { type FeedAlternate, renderPage } from "./layout.js";

export function renderGonePage(context: {
  siteTitle: string;
  language: string;
  homeUrl: string;
  articleUrl: string;
  alternates: readonly FeedAlternate[];
  title: string;
  when: DateTime;
  reason?: string;
}): string {
  const date = context.when.toUTC().toFormat("d LLLL yyyy", { locale: "en" });
  const notice =
    context.reason === undefined
      ? html`<p>This article was removed on ${date}.</p>`
      : html`<p>This article was retracted on ${date}: ${context.reason}</p>`;
  return renderPage(
    {
      ...context,
      title: `Removed: ${context.title} | ${context.siteTitle}`,
      canonicalUrl: context.articleUrl,
    },
    html`<h1>${context.title}</h1>
${notice}
<p>The <a href="${context.homeUrl}">home page</a> lists every article.</p>`,
  );
}
