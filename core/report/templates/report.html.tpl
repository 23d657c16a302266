{{%AUTOESCAPE context="HTML"}}{{!
  The cxmap report (core/report/html_report.h). ctemplate escapes every
  variable for the HTML context it lands in; keep it that way: never mark
  a variable :none. No script, no external resource: the CSP below forbids
  both, so the file opens from disk anywhere and cannot phone home.
}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cxmap {{VERSION}}">
<title>{{TITLE}}</title>
<style>
  :root { --pos: #1a9850; --neu: #bdbdbd; --neg: #d73027; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; }
  * { box-sizing: border-box; }
  body { margin: 0 auto; max-width: 1280px; padding: 24px; color: var(--ink);
         font: 14px/1.45 "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial,
               "Noto Sans Thai", "Leelawadee UI", Tahoma,
               "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK TC", "Microsoft JhengHei", sans-serif; }
  :lang(th) { font-family: "Noto Sans Thai", "Leelawadee UI", Tahoma, "Noto Sans", sans-serif; line-height: 1.7; }
  :lang(zh-Hans), :lang(zh) { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
  :lang(zh-Hant) { font-family: "Noto Sans CJK TC", "Microsoft JhengHei", "PingFang TC", sans-serif; }
  h1 { font-size: 24px; margin: 0 0 4px; }
  h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
  h3 { font-size: 15px; margin: 16px 0 4px; }
  .meta, .note, .n, cite { color: var(--muted); }
  .note { font-size: 12px; margin: 6px 0 0; }
  .n { font-size: 12px; font-weight: normal; }
  .kpis { display: flex; flex-wrap: wrap; gap: 12px; }
  .kpi { flex: 1 1 180px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
  .kpi .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  .kpi .value { font-size: 30px; font-weight: 600; }
  .kpi .sub { font-size: 12px; color: var(--muted); }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
  thead th { background: #f0f4f8; font-size: 12px; }
  .grid td.cell { text-align: center; min-width: 84px; }
  .grid td.cell b { display: block; font-size: 15px; }
  .grid td.cell span { display: block; font-size: 11px; }
  .owner { color: var(--muted); font-size: 12px; }
  .empty { background: #fafafa; }
  .s0 { background: #f4a582; } .s1 { background: #fbd0b9; } .s2 { background: #fde9dd; }
  .s3 { background: #f2f2f2; } .s4 { background: #dceedd; } .s5 { background: #b7dfb9; } .s6 { background: #8ccf91; }
  .h0 { background: #f7f7f7; } .h1 { background: #fde0d2; } .h2 { background: #fbbfa5; }
  .h3 { background: #f59a7c; } .h4 { background: #e7694f; color: #fff; } .h5 { background: #c0392b; color: #fff; }
  .heat td { text-align: center; }
  svg { width: 100%; height: auto; }
  svg .pos { fill: var(--pos); } svg .neu { fill: var(--neu); } svg .neg { fill: var(--neg); }
  svg .curve { fill: none; stroke: var(--ink); stroke-width: 2.5; }
  svg .dot { fill: #fff; stroke: var(--ink); stroke-width: 2; }
  svg text { font-size: 13px; text-anchor: middle; fill: var(--ink); }
  svg text.vol { fill: var(--muted); font-size: 11px; }
  .pains { columns: 2 420px; column-gap: 24px; }
  .pain { break-inside: avoid; margin-bottom: 16px; }
  .pain ol { margin: 4px 0; padding-left: 20px; }
  .trend { font-size: 12px; color: var(--muted); } .trend.up { color: var(--neg); font-weight: 600; }
  .trend.down { color: var(--pos); }
  blockquote { margin: 4px 0 8px; padding: 4px 10px; border-left: 3px solid var(--neg); background: #fff7f5; }
  .quality blockquote { border-left-color: var(--neu); background: #f7f7f7; }
  .mix { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
  .bar { display: inline-block; height: 10px; background: #829ab1; }
  .track { position: relative; height: 14px; margin: 2px 0; background: #f0f4f8; }
  .track .driver { position: absolute; left: 0; top: 2px; background: #486581; }
  .track .whisker { position: absolute; top: 6px; height: 2px; background: #102a43; }
  .drivers td:nth-child(2) { width: 45%; }
  .minis { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px 20px; }
  .minis h3 { margin: 8px 0 0; }
  .minis svg text { font-size: 24px; }
  .minis svg text.vol { display: none; }
  .empathy { display: grid; grid-template-columns: 1fr 1fr; gap: 0; border: 1px solid var(--line); }
  .quad { padding: 8px 14px; border: 1px solid var(--line); }
  .quad ol { margin: 4px 0; padding-left: 20px; }
  .quad blockquote { border-left-color: #829ab1; background: #f5f7fa; font-size: 13px; }
  .quad-says { background: #fbfcfe; } .quad-thinks { background: #fbfbfe; }
  .quad-does { background: #fcfdfb; } .quad-feels { background: #fefbfb; }
  svg .frame { fill: none; stroke: var(--line); stroke-width: 1.5; }
  svg .midline { stroke: var(--muted); stroke-dasharray: 6 4; }
  svg .corner { font-size: 15px; font-weight: 600; fill: var(--muted); text-transform: uppercase; }
  svg .who { font-size: 11px; }
  svg text.start { text-anchor: start; } svg text.end { text-anchor: end; }
  svg .axis { font-size: 13px; fill: var(--muted); }
  svg circle.collaborate { fill: var(--pos); } svg circle.defend { fill: var(--neg); }
  svg circle.engage { fill: #4c9be8; } svg circle.monitor, svg circle.unknown { fill: var(--neu); }
  .people { display: grid; grid-template-columns: minmax(320px, 520px) 1fr; gap: 24px; align-items: start; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print {
    body { max-width: none; padding: 0; font-size: 11px; }
    section { break-inside: avoid-page; }
    .pains { columns: 2; }
    .people { grid-template-columns: 45% 1fr; }
  }
</style>
</head>
<body>
<header>
  <h1>Customer journey report</h1>
  <p class="meta">{{DATABASE}} · stage model {{MODEL}} · generated {{GENERATED}} · cxmap {{VERSION}}</p>
</header>

<section id="headline">
  <h2>Headline</h2>
  <div class="kpis">
    <div class="kpi"><div class="label">Responses</div><div class="value">{{RESPONSES}}</div>
      <div class="sub">{{WITH_TEXT}} with text ({{WITH_TEXT_PCT}})</div></div>
    {{#KPI}}<div class="kpi"><div class="label">{{NAME}}</div><div class="value">{{VALUE}}</div>
      <div class="sub">{{INTERVAL}} · n = {{N}}</div></div>{{/KPI}}
  </div>
  <p class="note">Over {{KPI_BASIS}}, with or without a comment. NPS: % promoters (9–10) − % detractors (0–6);
    95 % interval from the trinomial variance. CSAT: share of the top two points of the scale, Wilson 95 % interval.
    CES: mean on the 1–7 scale, 95 % interval of the mean, share of 5–7 answers.</p>
</section>

<section id="journey-map">
  <h2>Journey map</h2>
  <table class="grid">
    <thead><tr><th>Touchpoint</th><th>Owner</th>{{#STAGE_HEAD}}<th>{{LABEL}} <span class="n">{{VOLUME}}</span></th>{{/STAGE_HEAD}}</tr></thead>
    <tbody>
    {{#TP_ROW}}<tr><th scope="row">{{LABEL}} <span class="n">{{VOLUME}}</span></th><td class="owner">{{OWNER}}</td>{{#CELL}}<td class="cell {{CLASS}}">{{#FILLED}}<div title="{{TITLE}}"><b>{{VOLUME}}</b><span>{{NEG}} negative</span><span>NPS {{NPS}}</span></div>{{/FILLED}}</td>{{/CELL}}</tr>
    {{/TP_ROW}}
    </tbody>
  </table>
  <p class="note">{{RECORDS}} text units; the numbers beside a stage or touchpoint count text units. A cell counts
    the responses whose words place them at that touchpoint on that stage (a response once per cell); its colour is
    the mean sentiment of their text units, red negative to green positive; NPS over the respondents in the cell who
    gave one.</p>
  <h3>Back stage: who stands behind each touchpoint</h3>
  <table class="owners">
    <thead><tr><th>Department</th><th>Touchpoints</th><th>Text units</th><th>Negative</th></tr></thead>
    <tbody>{{#OWNER}}<tr><th scope="row">{{NAME}}</th><td>{{TOUCHPOINTS}}</td><td>{{VOLUME}}</td><td>{{NEG}}</td></tr>{{/OWNER}}</tbody>
  </table>
  <p class="note">Owners come from the touchpoint catalogue.</p>
</section>

<section id="emotion-curve">
  <h2>Emotion curve</h2>
  <svg viewBox="0 0 {{CURVE_W}} {{CURVE_H}}" role="img" aria-label="Share of positive, neutral and negative sentences per stage, with the mean sentiment drawn across">
    {{#BAR}}<rect x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}" class="{{CLASS}}"><title>{{TITLE}}</title></rect>{{/BAR}}
    <polyline points="{{CURVE_POINTS}}" class="curve"/>
    {{#POINT}}{{#DOT}}<circle cx="{{X}}" cy="{{Y}}" r="5" class="dot"><title>{{TITLE}}</title></circle>{{/DOT}}<text x="{{X}}" y="{{LABEL_Y}}">{{LABEL}}</text><text x="{{X}}" y="{{VOL_Y}}" class="vol">n = {{N}}</text>
    {{/POINT}}
  </svg>
  <p class="note">Bars: shares of positive (green), neutral (grey) and negative (red) customer text units per stage;
    the line: their mean sentiment, +1 at the top of the bars and −1 at their foot. n counts text units.</p>
</section>

{{#SEG_CURVES}}<section id="segment-curves">
  <h2>Emotion curve by segment</h2>
  <div class="minis">{{#SEG_CURVE}}<div><h3>{{NAME}} <span class="n">{{RECORDS}} text units</span></h3>
    <svg viewBox="0 0 {{CURVE_W}} {{CURVE_H}}" role="img" aria-label="Emotion curve of segment {{NAME}}">
      {{#BAR}}<rect x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}" class="{{CLASS}}"><title>{{TITLE}}</title></rect>{{/BAR}}
      <polyline points="{{CURVE_POINTS}}" class="curve"/>
      {{#POINT}}{{#DOT}}<circle cx="{{X}}" cy="{{Y}}" r="8" class="dot"><title>{{TITLE}}</title></circle>{{/DOT}}<text x="{{X}}" y="{{LABEL_Y}}">{{LABEL}}</text>
      {{/POINT}}
    </svg></div>{{/SEG_CURVE}}</div>
  <p class="note">The same drawing per segment, on the same scale, {{SHOWN}} of {{TOTAL}} segments with the most
    text units; hover a bar or point for its shares and n.</p>
</section>{{/SEG_CURVES}}

<section id="pain-points">
  <h2>Pain points</h2>
  <div class="pains">
  {{#PAIN_TP}}<article class="pain">
    <h3>{{LABEL}} <span class="owner">· {{OWNER}} · mostly {{STAGE}}</span></h3>
    <p class="n">{{VOLUME}} text units, {{NEG}} of them negative</p>
    <ol>{{#THEME}}<li><b>{{THEME}}</b> <span class="n">{{VOLUME}} negative sentences · negativity {{NEGATIVITY}}</span>{{#TREND}} <span class="trend {{CLASS}}" title="negative sentences of the touchpoint holding it, earlier half → recent half">{{MARK}} {{TEXT}}</span>{{/TREND}}
      {{#QUOTE}}<blockquote lang="{{LANG}}">{{TEXT}}{{#CUT}} …{{/CUT}} <cite>#{{RECORD}}</cite></blockquote>{{/QUOTE}}</li>
    {{/THEME}}</ol>
  </article>
  {{/PAIN_TP}}
  </div>
  <p class="note">Themes are frequent phrases of a touchpoint's negative sentences, ranked by volume × negativity
    (the mean −sentiment of the sentences holding them); quotes are the most negative, in their own language.
    Trend: the dated text is split at its median date; the theme's share of the touchpoint's negative sentences in
    the earlier and the recent half, ▲ / ▼ when they differ by a two-proportion z-test at 5 % (both halves with at
    least 5 negative sentences).</p>
</section>

{{#DRIVERS}}<section id="key-drivers">
  <h2>Key drivers</h2>
  {{#NO_DRIVERS}}<p>Not enough data for key drivers: {{NOTE}}.</p>{{/NO_DRIVERS}}
  {{#DRIVER_CHART}}<p class="n">What moves {{OUTCOME}} most, over {{N}} respondents: together the drivers below explain {{R2}} of its variance.</p>
  <table class="drivers">
    <thead><tr><th>Driver</th><th>Share of {{OUTCOME}} variance (95 % interval)</th><th>Of explained</th><th>r</th><th>n</th></tr></thead>
    <tbody>{{#DRIVER}}<tr><th scope="row"><span class="n">{{KIND}}</span> {{LABEL}}</th>
      <td><div class="track"><span class="bar driver" style="width: {{BAR}}%"></span><span class="whisker" style="left: {{LOW_AT}}%; width: {{SPAN}}%"></span></div>{{WEIGHT}} % ({{LOW}}–{{HIGH}})</td>
      <td>{{SHARE}}</td><td>{{R}}</td><td>{{N}}</td></tr>
    {{/DRIVER}}</tbody>
  </table>
  <p class="note">Johnson's relative weights: the outcome's variance explained (R²) split among correlated drivers
    through their orthogonal counterparts, so a rating that only travels with a stronger one gets little. Drivers:
    rating questions answered by at least half the respondents (unanswered ones at the question's mean) and
    touchpoints with at least 5 respondents complaining there (1 when the response has a negative sentence there).
    At most 12 drivers, those with the most respondents first. Intervals: {{RESAMPLES}} bootstrap resamples of the
    respondents, percentiles 2.5 and 97.5. r: plain correlation with {{OUTCOME}}. {{NOTE}}</p>{{/DRIVER_CHART}}
</section>{{/DRIVERS}}

{{#EMPATHY}}<section id="empathy">
  <h2>Empathy map</h2>
  <p class="n">What customers say, think, do and feel, over {{SENTENCES}} customer sentences.</p>
  <div class="empathy">{{#QUADRANT}}<div class="quad quad-{{ID}}"><h3>{{NAME}} <span class="n">{{SENTENCES}} sentences</span></h3>
    {{#NONE}}<p class="n">No sentence here.</p>{{/NONE}}<ol>{{#ITEM}}<li><b>{{ITEM}}</b> <span class="n">{{COUNT}} · {{SHARE}}</span>
      {{#QUOTE}}<blockquote lang="{{LANG}}">{{TEXT}}{{#CUT}} …{{/CUT}} <cite>#{{RECORD}}</cite></blockquote>{{/QUOTE}}</li>{{/ITEM}}</ol></div>{{/QUADRANT}}</div>
  {{#EMP_SEGMENTS}}<h3>By segment: the largest item of each quadrant</h3>
  <table><thead><tr><th>Segment</th><th>Sentences</th><th>Says</th><th>Thinks</th><th>Does</th><th>Feels</th></tr></thead>
    <tbody>{{#EMP_SEG}}<tr><th scope="row">{{NAME}}</th><td>{{SENTENCES}}</td>{{#TOP}}<td>{{ITEM}} <span class="n">{{SHARE}}</span></td>{{/TOP}}</tr>{{/EMP_SEG}}</tbody></table>{{/EMP_SEGMENTS}}
  <p class="note">Each customer sentence is placed in one quadrant by the empathy-map analysis; items are its
    language-neutral kinds (an action, a feeling, a kind of thought, or a request, question or statement), so the
    four languages add up. Share: of the quadrant's sentences. Quotes: a readable sentence of the item, one per response.</p>
</section>{{/EMPATHY}}

{{#STAKEHOLDERS}}<section id="stakeholders">
  <h2>Stakeholders</h2>
  <div class="people">
  <svg viewBox="0 0 {{W}} {{H}}" role="img" aria-label="Stakeholder quadrant: support across, influence up">
    <rect x="{{LEFT}}" y="{{TOP}}" width="{{SIZE}}" height="{{SIZE}}" class="frame"/>
    <line x1="{{MID_X}}" y1="{{TOP}}" x2="{{MID_X}}" y2="{{BOTTOM}}" class="midline"/>
    <line x1="{{LEFT}}" y1="{{MID_Y}}" x2="{{RIGHT}}" y2="{{MID_Y}}" class="midline"/>
    {{#CORNER}}<text x="{{X}}" y="{{Y}}" class="corner {{ANCHOR}}">{{TEXT}}</text>{{/CORNER}}
    <text x="{{AXIS_X}}" y="{{BELOW}}" class="axis">support → (1–5, split at {{SUPPORT_AT}})</text>
    <text x="16" y="{{AXIS_Y}}" class="axis" transform="rotate(-90 16 {{AXIS_Y}})">influence → (1–5, split at {{INFLUENCE_AT}})</text>
    {{#PERSON}}<circle cx="{{X}}" cy="{{Y}}" r="6" class="{{CLASS}}"><title>{{TITLE}}</title></circle>{{#LABEL}}<text x="{{LX}}" y="{{LY}}" class="who {{ANCHOR}}">{{TEXT}}</text>{{/LABEL}}
    {{/PERSON}}
  </svg>
  <table><thead><tr><th>Stakeholder</th><th>Department</th><th>Role</th><th>Support</th><th>Influence</th><th>Strategy</th><th>Owns (with feedback, worst first)</th></tr></thead>
    <tbody>{{#PERSON_ROW}}<tr><th scope="row">{{NAME}}</th><td>{{DEPARTMENT}}</td><td>{{ROLE}}</td><td>{{SUPPORT}}</td><td>{{INFLUENCE}}</td><td>{{STRATEGY}}</td><td>{{OWNS}}</td></tr>{{/PERSON_ROW}}</tbody></table>
  </div>
  {{#MORE_PEOPLE}}<p class="n">The first {{SHOWN}} of {{COUNT}} stakeholders; `cxmap export --view stakeholders` lists all.</p>{{/MORE_PEOPLE}}
  <p class="note">{{COUNT}} stakeholders placed by the stakeholder analysis: support across, influence up; the dashed
    lines are its thresholds; the strategy of each quadrant as it names them. Owned touchpoints join the department to
    the touchpoint catalogue's owners.</p>
</section>{{/STAKEHOLDERS}}

{{#SEGMENTS}}<section id="segments">
  <h2>Segments side by side</h2>
  <table class="heat">
    <thead><tr><th>Segment</th><th>Text units</th>{{#TP_HEAD}}<th>{{LABEL}}</th>{{/TP_HEAD}}</tr></thead>
    <tbody>{{#SEG_ROW}}<tr><th scope="row">{{NAME}}</th><td>{{RECORDS}}</td>{{#SEG_CELL}}<td class="{{CLASS}}" title="{{TITLE}}">{{NEG}}{{#SIG}} <span title="{{WHY}}">{{MARK}}</span>{{/SIG}}</td>{{/SEG_CELL}}</tr>
    {{/SEG_ROW}}</tbody>
  </table>
  <p class="note">Share of negative text units per segment and touchpoint. ▲ / ▼: more / less negative than all
    other segments together, two-proportion z-test at 5 % (both sides with at least 5 text units; not corrected
    for the number of cells compared).</p>
</section>{{/SEGMENTS}}

<section id="mix">
  <h2>Languages and channels</h2>
  <div class="mix">
    <table><thead><tr><th>Language</th><th>Text units</th><th></th></tr></thead>
      <tbody>{{#LANGUAGE}}<tr><th scope="row">{{NAME}}</th><td>{{COUNT}}</td><td><span class="bar" style="width: {{PCT}}%"></span> {{PCT}}%</td></tr>{{/LANGUAGE}}</tbody></table>
    <table><thead><tr><th>Channel</th><th>Responses</th><th></th></tr></thead>
      <tbody>{{#CHANNEL}}<tr><th scope="row">{{NAME}}</th><td>{{COUNT}}</td><td><span class="bar" style="width: {{PCT}}%"></span> {{PCT}}%</td></tr>{{/CHANNEL}}</tbody></table>
  </div>
</section>

<section id="data-quality" class="quality">
  <h2>Data quality</h2>
  <ul>
    <li>{{RESPONSES}} responses, {{UNITS}} text units, {{ANSWERS}} closed answers.</li>
    <li>{{REJECTED}} input rows rejected; {{SKIPPED}} left out on purpose{{#SKIP_REASON}}; {{COUNT}} {{REASON}}{{/SKIP_REASON}}.</li>
    <li>{{UNMAPPED}} text units on no touchpoint; {{NOT_ANALYSED}} not analysed yet (run <code>cxmap analyze</code>).</li>
  </ul>
  {{#REJECTS}}<h3>Rejected rows (first {{SHOWN}})</h3>
  <table><thead><tr><th>File</th><th>Line</th><th>Reason</th><th>Excerpt</th></tr></thead>
    <tbody>{{#REJECT}}<tr><td>{{FILE}}</td><td>{{LINE}}</td><td>{{REASON}}</td><td>{{EXCERPT}}</td></tr>{{/REJECT}}</tbody></table>{{/REJECTS}}
  {{#UNMAPPED_HEAD}}<h3>Examples on no touchpoint</h3>{{/UNMAPPED_HEAD}}
  {{#UNMAPPED_EX}}<blockquote lang="{{LANG}}">{{TEXT}}{{#CUT}} …{{/CUT}} <cite>#{{RECORD}}</cite></blockquote>{{/UNMAPPED_EX}}
</section>
</body>
</html>
