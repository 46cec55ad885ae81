// The one stylesheet of the public pages, inlined in each page's <style> (the CSP allows inline
// styles, not inline script): a masthead, readable measure, lead images and code that never widen
// the page, thumbnails in lists, and a dark scheme that follows the reader's system setting.

import { SafeHtml } from "./html.js";

/** A constant of the code, not escaped: CSS needs its quotes and `>`, and it holds no `</style>`. */
export const pageStyle =
  new SafeHtml(`:root{color-scheme:light dark;--text:#1f1f1f;--muted:#575757;--bg:#fff;--link:#0b5cad;--rule:#d6d6d6;--code:#f3f3f3}
@media (prefers-color-scheme:dark){:root{--text:#e8e8e8;--muted:#b4b4b4;--bg:#141414;--link:#93bbff;--rule:#3d3d3d;--code:#222}}
body{font:1.05rem/1.6 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:0 1rem 2rem;color:var(--text);background:var(--bg);overflow-wrap:anywhere}
a{color:var(--link)}
.masthead{text-align:center;border-bottom:3px double var(--rule);padding:1.5rem 0 .5rem;margin-bottom:1.5rem}
.site-name{font:700 2.1rem/1.15 Georgia,"DejaVu Serif",serif;color:var(--text);text-decoration:none}
.masthead nav{margin-top:.4rem}.masthead nav a{margin:0 .6rem}
h1,h2{font-family:Georgia,"DejaVu Serif",serif;line-height:1.25}
h1 a,h2 a{color:inherit;text-decoration:none}h1 a:hover,h2 a:hover,h1 a:focus,h2 a:focus{text-decoration:underline}
.meta,.byline,figcaption,footer{color:var(--muted)}
img,video,svg{max-width:100%;height:auto}
figure{margin:1.5rem 0}figcaption{font-size:.95rem}
pre{overflow-x:auto;overflow-wrap:normal;background:var(--code);padding:.75rem}
code{font-size:.92em}
table{display:block;max-width:100%;overflow-x:auto}
ul.articles{list-style:none;padding:0}
ul.articles>li{display:flex;gap:1rem;align-items:flex-start;margin:0 0 1.5rem}
ul.articles .text{flex:1;min-width:0}
ul.articles h2{margin:0 0 .25rem;font-size:1.3rem}
ul.articles p{margin:.25rem 0}
img.thumb{flex:none;width:6.5rem;height:4.5rem;object-fit:cover}
.feed-address{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.feed-address code{background:var(--code);padding:.15rem .35rem}
button{font:inherit;padding:.15rem .6rem}
footer{border-top:1px solid var(--rule);margin-top:2.5rem;padding-top:1rem;font-size:.95rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`);
