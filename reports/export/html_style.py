"""The HTML report's one stylesheet, inline in the page: cards under 44rem (a phone), plain
black on white in print, severity colours that print as outlined labels."""

STYLE = """
:root{--ink:#1c1e21;--muted:#5d6470;--line:#d5d9de;--high:#b3261e;--medium:#9a5b00;
--low:#2d6a31;--mark:#fff0a8;--bar:#1f5fa8;--event:#9a5b00}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
color:var(--ink);background:#fff;margin:0 auto;max-width:76rem;padding:1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin:2rem 0 .5rem;
border-bottom:2px solid var(--ink)}h3{font-size:1.05rem;margin:0 0 .3rem}
a{color:#0b57a4}.muted{color:var(--muted)}.num{text-align:right}
.counts{display:flex;flex-wrap:wrap;gap:.2rem 1.4rem;list-style:none;padding:0;margin:.4rem 0}
.counts b{font-size:1.3rem}nav a{margin-right:1rem}
.sev{font-weight:700;padding:0 .35rem;border-radius:.25rem;color:#fff;font-size:.85em}
.sev.high{background:var(--high)}.sev.medium{background:var(--medium)}
.sev.low{background:var(--low)}.sev.none{background:#8a9099}
.conflict,.group{border:1px solid var(--line);border-left:.4rem solid var(--line);
border-radius:.4rem;padding:.7rem .9rem;margin:1rem 0}
.conflict.high{border-left-color:var(--high)}.conflict.medium{border-left-color:var(--medium)}
.conflict.low{border-left-color:var(--low)}.group{border-left-color:var(--low)}
.key{font-weight:600;color:#0d5c63;margin:0 0 .4rem}.id{font:.8em ui-monospace,monospace}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line);
overflow-wrap:break-word}th{font-size:.85em;color:var(--muted);font-weight:600}
td.int,td.day{white-space:nowrap}td.quote{width:40%}td.url{word-break:break-all}
mark{background:var(--mark);font-weight:600;color:inherit}
.quote{font-style:italic}.quote mark{font-style:normal}
dl.review{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.5rem 0}
dl.review dt{color:var(--muted)}dl.review dd{margin:0}
.stale{color:var(--high);font-weight:600}
svg.timeline{width:100%;max-width:32rem;height:auto;display:block;margin:.5rem 0}
svg .axis{stroke:var(--ink)}svg .grid{stroke:var(--line);stroke-dasharray:2 3}
svg text{font:13px system-ui,sans-serif;fill:var(--ink)}svg .tick{fill:var(--muted);font-size:11px}
svg .figure{fill:var(--bar);stroke:var(--bar);stroke-width:2}
svg .label{stroke:#fff;stroke-width:3px;paint-order:stroke}
svg .band{fill:var(--event);opacity:.15}svg .rule{stroke:var(--event);stroke-dasharray:4 3}
svg .event rect{fill:var(--event)}svg .mark{fill:var(--event);font-size:14px}
figure{margin:1rem 0}ul.legend{list-style:none;padding:0;margin:0 0 1rem;font-size:.9em}
@media (max-width:44rem){body{padding:.6rem;font-size:15px}
table.cards thead{position:absolute;left:-9999px}
table.cards,table.cards tbody{display:block}table.cards td.int{white-space:normal}
table.cards tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}
table.cards td{display:block;border:0;padding:.1rem 0;text-align:left;width:auto}
table.cards td.n,table.cards td.fig,table.cards td.int,table.cards td.out,table.cards td.day{
display:inline;margin-right:.5rem}table.cards td.n::after{content:"."}
table.cards td.lab::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85em;
font-style:normal}
.conflict,.group{padding:.6rem}}
@media print{body{max-width:none;font-size:10.5pt;padding:0}nav{display:none}
a{color:inherit;text-decoration:none}.conflict,.group,svg{break-inside:avoid}
.sev{color:#000;border:1px solid #000;background:none!important}}
"""
