/// The report page's inline style and script. Both are constants: the page's Content-Security-Policy allows
/// exactly these two texts by their SHA-256 hashes, so nothing else can run or style the page.
enum HTMLReportAssets {
    static let css = #"""

:root {
  --paper: #fbf9f4; --ink: #1f1d1a; --muted: #6b655c; --rule: #d9d2c3; --accent: #8c2f23; --wash: #f1ebdd;
  --pos: #2f5f8a; --mark: rgba(140, 47, 35, 0.12);
  --serif: "Iowan Old Style", "Palatino Linotype", Palatino, "Book Antiqua", Georgia, "DejaVu Serif", serif;
  --sans: "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0; font: 17px/1.55 var(--serif); font-variant-numeric: oldstyle-nums proportional-nums; }
.wrap { max-width: 1220px; margin: 0 auto; padding: 0 28px; }
h1, h2, h3 { font-weight: normal; line-height: 1.2; }
h2 { font-size: 1.55rem; margin: 2.2rem 0 0.4rem; }
h3 { font: 600 0.78rem/1.3 var(--sans); letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); margin: 0 0 0.5rem; }
h3 .sub { font-weight: normal; letter-spacing: 0.04em; }
p { margin: 0.4rem 0; }
a { color: var(--accent); }
button { font: inherit; color: inherit; }
[hidden] { display: none !important; }
.masthead { border-bottom: 1px solid var(--rule); padding: 0.9rem 0 0.6rem; background: linear-gradient(var(--wash), var(--paper)); }
.kicker { font: 600 0.78rem var(--sans); letter-spacing: 0.12em; text-transform: uppercase; color: var(--accent); margin: 0; }
.masthead h1 { font-size: 1.9rem; margin: 0.15rem 0 0.1rem; letter-spacing: -0.01em; overflow-wrap: anywhere; }
.masthead .span { margin: 0; }
.about summary { cursor: pointer; font: 0.85rem var(--sans); color: var(--accent); margin-top: 0.3rem; }
.lede { max-width: 48em; font-size: 1.08rem; color: #3b3731; overflow-wrap: anywhere; }
.span { font-style: italic; color: var(--muted); }
.settings { display: flex; flex-wrap: wrap; gap: 0.3rem 1.6rem; margin: 1rem 0 0; font: 0.85rem/1.4 var(--sans); }
.settings div { display: flex; gap: 0.4rem; }
.settings dt { color: var(--muted); }
.settings dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.timeline { display: flex; align-items: flex-start; gap: 10px; margin: 0.4rem 0 0.2rem; padding: 0.4rem 0 0.2rem;
  position: sticky; top: 0; z-index: 5; background: var(--paper); border-bottom: 1px solid transparent; }
.step { flex: none; width: 42px; height: 42px; border-radius: 50%; border: 1px solid var(--rule); background: #fff;
  font-size: 1.6rem; line-height: 1; cursor: pointer; color: var(--accent); }
.step:hover:not(:disabled) { border-color: var(--accent); }
.step:disabled { color: var(--rule); cursor: default; }
.track { flex: 1; min-width: 0; padding-top: 8px; }
#slider { width: 100%; margin: 0; accent-color: var(--accent); height: 24px; cursor: pointer; }
.ticks { position: relative; list-style: none; margin: 2px 8px 0; padding: 0; height: 1.6rem; font: 0.8rem var(--sans); }
.ticks li { position: absolute; top: 0; transform: translateX(-50%); white-space: nowrap; }
.ticks button { border: 0; background: none; padding: 0 2px; color: var(--muted); cursor: pointer; font-variant-numeric: lining-nums; }
.ticks li.minor button { font-size: 0; width: 7px; height: 12px; }
.ticks li.minor button::before { content: ""; display: block; width: 1px; height: 6px; margin: 0 auto; background: var(--rule); }
.ticks li.current button { color: var(--accent); font-weight: 700; }
.play { font-size: 1rem; }
.play.playing { background: var(--accent); color: #fff; }
.event-strip { position: relative; list-style: none; margin: 0 8px; padding: 0; height: 20px; border-top: 1px dotted var(--rule); }
.event-strip li { position: absolute; transform: translateX(-50%); }
.event-mark { display: block; width: 8px; height: 8px; padding: 0; border: 0; border-radius: 50%; background: var(--accent); opacity: 0.55; cursor: pointer; }
.event-mark:hover, .event-strip li.current .event-mark { opacity: 1; }
.event-strip li.current .event-mark { box-shadow: 0 0 0 2px var(--paper), 0 0 0 3px var(--accent); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.period-head, .actor-view { scroll-margin-top: calc(var(--sticky, 96px) + 8px); }
.period-head { display: flex; align-items: baseline; flex-wrap: wrap; gap: 0.3rem 1.2rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.3rem; }
#period-label { font-size: 1.9rem; margin: 0.2rem 0 0; color: var(--accent); font-variant-numeric: lining-nums; overflow-wrap: anywhere; }
.search { position: relative; margin-left: auto; font: 0.85rem var(--sans); display: flex; gap: 0.4rem; align-items: baseline; }
.search label { color: var(--muted); }
#actor-search { font: inherit; padding: 3px 8px; border: 1px solid var(--rule); border-radius: 4px; width: 13rem; background: #fff; }
.actor-results { position: absolute; right: 0; top: 100%; z-index: 20; list-style: none; margin: 2px 0 0; padding: 4px 0; min-width: 16rem;
  max-height: 18rem; overflow-y: auto; background: #fff; border: 1px solid var(--rule); box-shadow: 0 4px 14px rgba(0,0,0,0.12); }
.actor-results button { display: block; width: 100%; text-align: left; border: 0; background: none; padding: 3px 10px; cursor: pointer; }
.actor-results button:hover, .actor-results button:focus { background: var(--wash); }
.actor-results .kind { color: var(--muted); font-size: 0.78rem; margin-left: 0.4rem; }
#period-dates { color: var(--muted); font-style: italic; }
#period-position { font: 0.8rem var(--sans); color: var(--muted); }
.period { display: grid; grid-template-columns: minmax(0, 5fr) minmax(300px, 2fr); gap: 24px; margin-top: 0.6rem; }
.diagram { margin: 0; }
.diagram .frame { position: relative; background: #fff; border: 1px solid var(--rule); height: min(74vh, 760px); min-height: 300px; overflow: hidden; }
#diagram { display: block; width: 100%; height: 100%; cursor: grab; touch-action: none; user-select: none; }
#diagram.dragging { cursor: grabbing; }
#diagram .node, #diagram .edge { cursor: pointer; }
#diagram .edge .hit { stroke: transparent; stroke-width: 10px; vector-effect: non-scaling-stroke; fill: none; }
#diagram .edge:hover path:not(.hit) { stroke-width: 4; }
#diagram .node:hover polygon, #diagram .node:hover ellipse { stroke-width: 2.5; }
#diagram.focus .node, #diagram.focus .edge { opacity: 0.18; transition: opacity 0.3s; }
#diagram.focus .node.hl, #diagram.focus .edge.hl { opacity: 1; }
#diagram .node.hl polygon, #diagram .node.hl ellipse { stroke: var(--accent); stroke-width: 4; }
#diagram .edge.selected path:not(.hit) { stroke-width: 5; }
#diagram .enter { animation: fade-in 0.7s ease-out; }
#diagram .leave { animation: fade-out 0.7s ease-in forwards; pointer-events: none; }
#diagram g.node[tabindex]:focus { outline: none; }
#diagram g.node[tabindex]:focus-visible ellipse, #diagram g.node[tabindex]:focus-visible polygon { stroke: var(--accent); stroke-width: 5; }
#diagram g.node[tabindex]:focus-visible { outline: 2px solid var(--accent); outline-offset: 3px; }
@media (prefers-reduced-motion: reduce) {
  #diagram .enter, #diagram .leave, #diagram.focus .node, #diagram.focus .edge { animation: none; transition: none; }
}
@keyframes fade-in { from { opacity: 0; } to { opacity: 1; } }
@keyframes fade-out { from { opacity: 1; } to { opacity: 0; } }
.zoom { position: absolute; top: 8px; right: 8px; z-index: 3; display: flex; gap: 4px; }
.zoom button { min-width: 30px; height: 30px; border: 1px solid var(--rule); border-radius: 4px; background: rgba(255,255,255,0.92); cursor: pointer; font: 600 0.9rem var(--sans); color: var(--accent); }
.zoom button:hover { border-color: var(--accent); }
.tooltip { position: absolute; z-index: 4; max-width: 22rem; pointer-events: none; background: var(--ink); color: #fff; font: 0.8rem/1.35 var(--sans);
  padding: 5px 8px; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,0.25); overflow-wrap: anywhere; }
#no-diagram { position: absolute; inset: 40% 0 auto; text-align: center; }
.close { float: right; border: 0; background: none; font-size: 1.2rem; line-height: 1; cursor: pointer; color: var(--muted); }
.evidence-box { background: var(--wash); padding: 0.6rem 0.8rem; border-left: 3px solid var(--accent); }
.evidence-title { font-weight: 600; margin: 0 0 0.3rem; overflow-wrap: anywhere; }
.tie-list { list-style: none; margin: 0; padding: 0; font-size: 0.9rem; }
.tie-list > li { padding: 0.35rem 0; border-top: 1px solid var(--rule); overflow-wrap: anywhere; }
.tie-list > li:first-child { border-top: 0; }
.tie-head { font-weight: 600; }
.tie-meta { display: block; font: 0.78rem var(--sans); color: var(--muted); }
.tie-note { display: block; font-style: italic; }
.tie-sources { margin: 0.1rem 0 0 1rem; padding: 0; font: 0.8rem var(--sans); }
.tie-sources li { list-style: square; }
.locator { color: var(--accent); }
.rel-alliance, .rel-member { color: var(--pos); }
.rel-rivalry { color: #b3261e; }
.readings { list-style: none; margin: 0.5rem 0 0; padding: 0; font-size: 0.85rem; color: #3b3731; }
.readings li { padding: 0.15rem 0; }
.readings b { font-weight: 600; }
.events { list-style: none; margin: 0; padding: 0; }
.events li { padding: 0.35rem 0; border-top: 1px solid var(--rule); overflow-wrap: anywhere; }
.events li:first-child { border-top: 0; }
.event-date { font: 0.8rem var(--sans); color: var(--muted); margin-right: 0.4rem; font-variant-numeric: lining-nums; }
.event-kind { font: 600 0.7rem var(--sans); text-transform: uppercase; letter-spacing: 0.05em; color: var(--accent); border: 1px solid var(--accent); border-radius: 3px; padding: 0 4px; margin-right: 0.4rem; }
.person-link { border: 0; background: none; padding: 0; color: var(--accent); cursor: pointer; text-decoration: underline dotted; font: inherit; }
.evidence-toggle { font: 0.8rem var(--sans); margin-top: 0.2rem; }
.evidence-toggle summary { cursor: pointer; color: var(--accent); }
.actor-view { margin-top: 1.4rem; border-top: 3px solid var(--accent); padding-top: 0.4rem; }
.actor-head { display: flex; align-items: baseline; gap: 1rem; }
.actor-head h2 { margin: 0.3rem 0; color: var(--accent); overflow-wrap: anywhere; }
.actor-head .close { margin-left: auto; }
#actor-kind { color: var(--muted); font-style: italic; }
.actor-note { max-width: 60em; }
.actor-view h3 { margin-top: 1rem; }
.actor-path { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
.actor-path li { border: 1px solid var(--rule); border-radius: 4px; padding: 2px 6px; font: 0.78rem/1.3 var(--sans); background: #fff; max-width: 12rem; cursor: pointer; }
.actor-path li.current { outline: 2px solid var(--accent); }
.actor-path li.absent { color: var(--muted); background: transparent; border-style: dashed; }
.actor-path .p { display: block; font-weight: 600; color: var(--muted); }
.actor-path .swatch { display: inline-block; vertical-align: middle; margin-right: 3px; }
.actor-charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px 20px; }
.actor-charts figure { margin: 0; }
.actor-charts figcaption { font: 0.8rem var(--sans); color: var(--muted); }
.actor-charts figcaption b { color: var(--ink); }
.actor-charts svg { width: 100%; height: 70px; display: block; }
.spark-line { fill: none; stroke: var(--accent); stroke-width: 1.6; }
.spark-axis { stroke: var(--rule); stroke-width: 1; }
.spark-marker { fill: var(--mark); }
.diagram figcaption, .story figcaption { font-size: 0.88rem; color: var(--muted); font-style: italic; margin-top: 0.4rem; overflow-wrap: anywhere; }
.panel section { margin-bottom: 1.3rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 0.5rem 1rem; margin: 0; }
.facts div { border-left: 2px solid var(--rule); padding-left: 0.5rem; }
.facts dt { font: 0.74rem/1.3 var(--sans); color: var(--muted); }
.facts dd { margin: 0; font-size: 1.15rem; font-variant-numeric: lining-nums tabular-nums; }
.coalitions, .changes, .top, .sources { margin: 0; padding: 0; list-style: none; }
.coalitions li { padding: 0.45rem 0; border-top: 1px solid var(--rule); }
.coalitions li:first-child { border-top: 0; }
.coalition-head { display: flex; align-items: baseline; gap: 0.5rem; }
.swatch { flex: none; width: 0.8rem; height: 0.8rem; border-radius: 2px; background: var(--muted); align-self: center; }
.coalition-label { font-weight: 600; overflow-wrap: anywhere; }
.coalition-id { font: 0.72rem var(--sans); color: var(--muted); border: 1px solid var(--rule); border-radius: 3px; padding: 0 4px; }
.coalition-size { margin-left: auto; font: 0.8rem var(--sans); color: var(--muted); white-space: nowrap; }
.members { font-size: 0.92rem; color: #3b3731; margin: 0.15rem 0 0 1.3rem; overflow-wrap: anywhere; }
.changes li { padding: 0.35rem 0; border-top: 1px solid var(--rule); overflow-wrap: anywhere; }
.changes li:first-child { border-top: 0; }
.event { font: 600 0.72rem var(--sans); text-transform: uppercase; letter-spacing: 0.06em; color: #fff; background: var(--accent);
  border-radius: 3px; padding: 1px 6px; margin-right: 0.4rem; }
.change-meta { display: block; font: 0.8rem var(--sans); color: var(--muted); }
.why { display: block; margin-top: 0.15rem; font-size: 0.9rem; }
.why-summary b { font: 600 0.72rem var(--sans); text-transform: uppercase; letter-spacing: 0.05em; color: var(--accent); margin-right: 0.3rem; }
.why-part { font: 600 0.74rem var(--sans); color: var(--muted); margin: 0.4rem 0 0.1rem; text-transform: uppercase; letter-spacing: 0.05em; }
.compare { margin-top: 1.2rem; border-top: 1px solid var(--rule); padding-top: 0.6rem; }
.compare-same { font-size: 0.92rem; }
table.compare-table { border-collapse: collapse; font-size: 0.88rem; min-width: 100%; }
.compare-table th, .compare-table td { text-align: left; vertical-align: baseline; padding: 0.25rem 0.7rem 0.25rem 0; border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
.compare-table thead th { font: 600 0.74rem var(--sans); color: var(--muted); }
.compare-table td.differs { background: var(--mark); }
.compare-table td.what { white-space: nowrap; font: 600 0.72rem var(--sans); text-transform: uppercase; letter-spacing: 0.04em; color: var(--accent); }
.compare-table td.who { min-width: 10rem; }
.compare-table td.place { min-width: 7rem; }
.compare-table .detail { display: block; font: 0.76rem var(--sans); color: var(--muted); }
.compare-coalitions { margin: 0.3rem 0 0; font-size: 0.88rem; }
.compare-coalitions dt { font: 600 0.78rem var(--sans); color: var(--accent); margin-top: 0.3rem; }
.compare-coalitions dd { margin: 0 0 0 1rem; overflow-wrap: anywhere; }
.actor-path .certainty { display: block; color: var(--muted); }
.actor-path li.uncertain { background: rgba(255, 255, 255, 0.55); border-style: dashed; }
.actor-path li.uncertain .swatch { opacity: 0.5; }
.actor-path li.doubtful { background: transparent; border-style: dotted; }
.actor-path li.doubtful .swatch { opacity: 0.25; }
.top li { display: grid; grid-template-columns: 1.4rem minmax(0, 1fr) auto; gap: 0 0.4rem; align-items: baseline; padding: 0.15rem 0; }
.top .rank { font: 0.8rem var(--sans); color: var(--muted); text-align: right; }
.top .name { overflow-wrap: anywhere; }
.top .value { font: 0.82rem var(--sans); font-variant-numeric: tabular-nums; color: var(--muted); }
.top .bar { grid-column: 2 / 4; height: 3px; background: var(--wash); }
.top .bar span { display: block; height: 3px; background: var(--pos); }
.empty { color: var(--muted); font-style: italic; }
.noscript { background: var(--wash); padding: 0.6rem 1rem; }
.section-note { color: var(--muted); font-size: 0.92rem; margin-top: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 22px 28px; }
.chart { margin: 0; }
.chart h3 { margin-bottom: 0.1rem; }
.chart figcaption p { font-size: 0.85rem; color: var(--muted); margin: 0 0 0.3rem; font-style: italic; }
.chart svg { width: 100%; height: auto; display: block; font-family: var(--sans); }
.chart .grid { stroke: var(--rule); stroke-width: 0.6; }
.chart .axis { stroke: var(--muted); stroke-width: 0.8; }
.chart .ylabel { font-size: 10px; fill: var(--muted); text-anchor: end; }
.chart .xlabel { font-size: 10px; fill: var(--muted); text-anchor: middle; }
.chart .missing { font-size: 12px; fill: var(--muted); text-anchor: middle; }
.chart .marker { fill: var(--mark); }
.chart .bar.s0 { fill: #c9b99a; }
.chart .line { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
.chart .line.s0 { stroke: var(--accent); } .chart .dot.s0 { fill: var(--accent); }
.chart .line.s1 { stroke: var(--pos); } .chart .dot.s1 { fill: var(--pos); }
.chart .hit { fill: transparent; cursor: pointer; }
.chart .hit:hover { fill: rgba(0, 0, 0, 0.04); }
.scroll { overflow-x: auto; }
table.ranking { border-collapse: collapse; font-size: 0.92rem; min-width: 100%; }
.ranking th, .ranking td { text-align: left; padding: 0.3rem 0.8rem 0.3rem 0; border-bottom: 1px solid var(--rule); vertical-align: baseline; }
.ranking thead th { font: 600 0.74rem var(--sans); color: var(--muted); }
.ranking tbody th { font-weight: normal; color: var(--accent); font-variant-numeric: lining-nums; white-space: nowrap; }
.ranking tbody tr { cursor: pointer; }
.ranking tbody tr:hover { background: rgba(0, 0, 0, 0.03); }
.ranking tr.selected { background: var(--mark); }
.ranking .value { font: 0.78rem var(--sans); color: var(--muted); }
.ranking td .name { overflow-wrap: anywhere; }
.story { margin: 0; }
.story img { display: block; max-width: none; height: auto; background: #fff; border: 1px solid var(--rule); padding: 10px; }
.sources li { padding: 0.3rem 0; overflow-wrap: anywhere; }
.source-id { font: 600 0.78rem var(--sans); color: var(--muted); margin-right: 0.3rem; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding: 1rem 28px 2rem; font: 0.8rem var(--sans); color: var(--muted); text-align: center; }
@media (max-width: 860px) {
  body { font-size: 16px; }
  .wrap { padding: 0 16px; }
  .masthead h1 { font-size: 1.9rem; }
  .period { grid-template-columns: minmax(0, 1fr); }
  .diagram .frame { height: 68vh; }
  .search { margin-left: 0; width: 100%; }
  #actor-search { flex: 1; }
}
@media print {
  .timeline, .chart .hit { display: none; }
  .period { grid-template-columns: minmax(0, 1fr); }
}

"""#

    static let script = #"""

(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var periods = data.periods, n = periods.length;
  if (n === 0) return;
  var SVGNS = 'http://www.w3.org/2000/svg';
  function $(id) { return document.getElementById(id); }
  var slider = $('slider'), current = -1, previous = -1;
  var actors = data.actors || [], ties = data.ties || [], events = data.events || [];
  var actorById = {}, sourceById = {};
  actors.forEach(function (a) { actorById[a.id] = a; });
  (data.sources || []).forEach(function (s) { sourceById[s.id] = s; });
  var focusActor = null, selectedEdge = null, playing = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function num(v) {
    if (v === null || v === undefined) return '–';
    if (typeof v !== 'number') return String(v);
    if (Number.isInteger(v)) return String(v);
    var a = Math.abs(v);
    return v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
  }
  function pct(v) { return v === null || v === undefined ? '–' : Math.round(v * 100) + '%'; }
  function plural(k, one, many) { return k + ' ' + (k === 1 ? one : many); }
  function fact(dl, name, value) {
    var d = el('div');
    d.appendChild(el('dt', null, name));
    d.appendChild(el('dd', null, value));
    dl.appendChild(d);
  }
  function nameOf(id) { return actorById[id] ? actorById[id].name : (data.tieNames && data.tieNames[id]) || id; }
  function indexOfLabel(label) {
    for (var i = 0; i < n; i++) if (periods[i].label === label) return i;
    return -1;
  }
  function fromHash() {
    var h = location.hash.slice(1);
    if (!h) return -1;
    try { h = decodeURIComponent(h); } catch (e) { return -1; }
    return indexOfLabel(h);
  }
  function personLink(id, text) {
    var b = el('button', 'person-link', text || nameOf(id));
    b.type = 'button';
    b.setAttribute('data-actor', id);
    return b;
  }

  // ---- Sources and ties: the evidence behind what is drawn and said.
  function sourceList(refs) {
    var ul = el('ul', 'tie-sources');
    if (!refs || refs.length === 0) { ul.appendChild(el('li', 'empty', 'no source given')); return ul; }
    refs.forEach(function (r) {
      var li = el('li', 'source');
      var s = sourceById[r.source];
      li.appendChild(el('span', 'citation', s ? s.citation : r.source));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(el('span', 'locator', r.source + (r.locator ? '#' + r.locator : '')));
      ul.appendChild(li);
    });
    return ul;
  }
  function tieItem(t, from) {
    var li = el('li', 'tie');
    var head = el('span', 'tie-head');
    var other = from === t.a ? t.b : from === t.b ? t.a : null;
    if (other) {
      head.appendChild(el('span', 'rel-' + t.relation, t.relation + ' '));
      head.appendChild(document.createTextNode(from === t.a ? 'with ' : 'from '));
      head.appendChild(personLink(other));
    } else {
      head.appendChild(personLink(t.a));
      head.appendChild(el('span', 'rel-' + t.relation, ' ' + t.relation + ' '));
      head.appendChild(personLink(t.b));
    }
    li.appendChild(head);
    var meta = [t.start + ' – ' + (t.end || 'open'), 'weight ' + num(t.weight), 'confidence ' + num(t.confidence)];
    meta.push(t.scenarios && t.scenarios.length ? 'scenario ' + t.scenarios.join(', ') : 'every reading');
    li.appendChild(el('span', 'tie-meta', meta.join(' · ')));
    if (t.note) li.appendChild(el('span', 'tie-note', t.note));
    li.appendChild(sourceList(t.sources));
    return li;
  }
  function tieList(indices, from, limit) {
    var ol = el('ol', 'tie-list');
    var shown = limit ? indices.slice(0, limit) : indices;
    shown.forEach(function (k) { if (ties[k]) ol.appendChild(tieItem(ties[k], from)); });
    if (limit && indices.length > limit) {
      var more = el('li');
      var b = el('button', 'person-link', 'show all ' + indices.length + ' ties');
      b.type = 'button';
      b.addEventListener('click', function () { ol.parentNode.replaceChild(tieList(indices, from, 0), ol); });
      more.appendChild(b);
      ol.appendChild(more);
    }
    return ol;
  }
  function showEvidence(edge) {
    var box = $('evidence');
    clear(box);
    var title = el('p', 'evidence-title');
    title.appendChild(personLink(edge.a));
    title.appendChild(document.createTextNode(' – '));
    title.appendChild(personLink(edge.b));
    title.appendChild(document.createTextNode(': ' + edge.relation + ', weight ' + num(edge.weight) + ' in ' + periods[current].label));
    box.appendChild(title);
    box.appendChild(el('p', 'tie-meta', edge.ties.length === 0 ? 'No dataset tie found behind this drawn tie.'
      : 'Drawn from ' + plural(edge.ties.length, 'tie', 'ties') + ' of the dataset active in the period (several ties on a pair add up'
        + (edge.ties.some(function (k) { return ties[k] && ties[k].relation === 'member'; }) ? '; two members of one faction count +1' : '') + '):'));
    box.appendChild(tieList(edge.ties, null, 0));
    $('evidence-box').hidden = false;
  }
  // Why a change happened: the sentence, then the ties it rests on, gained and lost, with their sources.
  function why(x) {
    var box = el('div', 'why');
    var line = el('span', 'why-summary');
    line.appendChild(el('b', null, 'Why'));
    line.appendChild(document.createTextNode(x.summary));
    box.appendChild(line);
    var parts = [['Rests on (removing any one alone undoes the change)', x.restsOn], ['Gained since the period before', x.gained], ['Lost since the period before', x.lost]];
    var total = x.restsOn.length + x.gained.length + x.lost.length;
    if (total === 0) return box;
    var d = el('details', 'evidence-toggle why-ties');
    d.appendChild(el('summary', null, 'The ties: ' + x.restsOn.length + ' it rests on, ' + x.gained.length + ' gained, ' + x.lost.length + ' lost, with their sources'));
    d.addEventListener('toggle', function () {
      if (!d.open || d.childNodes.length > 1) return;
      parts.forEach(function (part) {
        if (part[1].length === 0) return;
        d.appendChild(el('p', 'why-part', part[0]));
        var ol = tieList(part[1], null, 40);
        ol.setAttribute('data-part', part === parts[0] ? 'rests-on' : part === parts[1] ? 'gained' : 'lost');
        d.appendChild(ol);
      });
    });
    box.appendChild(d);
    return box;
  }
  function closeEvidence() {
    $('evidence-box').hidden = true;
    selectedEdge = null;
    markSelected();
  }

  // ---- The diagram: inline SVG built from drawing data with DOM APIs only.
  // Graphviz's <title>s are left out: the page's own tooltip says more, and a title would add the browser's.
  var ELEMENTS = { svg: 1, g: 1, path: 1, polygon: 1, polyline: 1, ellipse: 1, circle: 1, rect: 1, line: 1, text: 1, tspan: 1 };
  var ATTRS = {};
  ['id', 'class', 'viewBox', 'width', 'height', 'transform', 'd', 'points', 'cx', 'cy', 'r', 'rx', 'ry', 'x', 'y', 'x1', 'y1',
   'x2', 'y2', 'dx', 'dy', 'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity',
   'stroke-linecap', 'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
   'dominant-baseline'].forEach(function (a) { ATTRS[a] = 1; });
  function safeValue(v) { return !/url\(|javascript:|expression\(|data:/i.test(String(v).replace(/\s+/g, '')); }
  function build(node) {
    if (typeof node === 'string') return document.createTextNode(node);
    if (!Array.isArray(node) || !Object.prototype.hasOwnProperty.call(ELEMENTS, node[0])) return null;
    var e = document.createElementNS(SVGNS, node[0]);
    var at = node[1] || [];
    for (var k = 0; k + 1 < at.length; k += 2) {
      if (Object.prototype.hasOwnProperty.call(ATTRS, at[k]) && safeValue(at[k + 1])) e.setAttribute(at[k], at[k + 1]);
    }
    (node[2] || []).forEach(function (c) { var x = build(c); if (x) e.appendChild(x); });
    return e;
  }
  var svg = $('diagram'), frame = $('frame'), tooltip = $('tooltip');
  var base = null, view = null, edgeByKey = {}, coalitionOf = {};
  var reduceMotion = !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);

  // ---- One coordinate frame for every period. Each period's page is cropped to its own actors, so Graphviz
  // shifts its drawing by the crop: the same actor sits at other coordinates on each page. An actor's name is
  // placed from the shared layout only (its marker grows and shrinks with its value), so the shift between two
  // pages is the difference of their common actors' name positions (all equal, the median taken against
  // rounding). Each page is drawn with its root group translated so that it lines up with the first page of
  // its chain (pages with no common actor with any earlier one start a new chain).
  var TRANSLATE = /^scale\(1 1\) rotate\(0\) translate\(\s*(-?[\d.]+(?:e-?\d+)?)[\s,]+(-?[\d.]+(?:e-?\d+)?)\s*\)$/;
  function attrOf(node, name) {
    var at = node[1] || [];
    for (var k = 0; k + 1 < at.length; k += 2) if (at[k] === name) return at[k + 1];
    return null;
  }
  function pageInfo(tree) {
    var info = { names: {}, t: null };
    function walk(node, nameId) {
      if (!Array.isArray(node)) return;
      var id = attrOf(node, 'id');
      if (node[0] === 'g' && id === 'graph0' && !info.t) {
        var m = TRANSLATE.exec(String(attrOf(node, 'transform') || '').trim());
        if (m) info.t = { x: parseFloat(m[1]), y: parseFloat(m[2]) };
      }
      if (node[0] === 'g' && id && id.indexOf('name-') === 0) nameId = id.slice(5);
      if (node[0] === 'text' && nameId && !info.names[nameId]) {
        var x = parseFloat(attrOf(node, 'x')), y = parseFloat(attrOf(node, 'y'));
        if (isFinite(x) && isFinite(y)) info.names[nameId] = { x: x, y: y };
      }
      (node[2] || []).forEach(function (c) { walk(c, nameId); });
    }
    walk(tree, null);
    return info;
  }
  function median(xs) { xs = xs.slice().sort(function (a, b) { return a - b; }); var m = xs.length >> 1; return xs.length % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2; }
  var pages = periods.map(function (p) { return p.svg ? pageInfo(p.svg) : { names: {}, t: null }; });
  var frames = [], chains = [];
  pages.forEach(function (pg, i) {
    frames[i] = null; chains[i] = i;
    if (!pg.t) return;
    frames[i] = { x: pg.t.x, y: pg.t.y };
    for (var q = i - 1; q >= 0; q--) {
      if (!frames[q]) continue;
      var dx = [], dy = [];
      Object.keys(pg.names).forEach(function (id) {
        var a = pages[q].names[id];
        if (a) { dx.push(a.x - pg.names[id].x); dy.push(a.y - pg.names[id].y); }
      });
      if (dx.length === 0) continue;
      frames[i] = { x: frames[q].x + median(dx), y: frames[q].y + median(dy) };
      chains[i] = chains[q];
      return;
    }
  });
  // Every name of every page of a chain, in the common frame: what play shows from the start.
  function castBox(chain) {
    var box = null;
    pages.forEach(function (pg, i) {
      if (chains[i] !== chain || !frames[i]) return;
      Object.keys(pg.names).forEach(function (id) {
        var x = pg.names[id].x + frames[i].x, y = pg.names[id].y + frames[i].y;
        box = box ? { l: Math.min(box.l, x), t: Math.min(box.t, y), r: Math.max(box.r, x), b: Math.max(box.b, y) } : { l: x, t: y, r: x, b: y };
      });
    });
    return box;
  }

  function parseBox(s) {
    var v = String(s || '').trim().split(/[\s,]+/).map(parseFloat);
    return v.length === 4 && v.every(isFinite) && v[2] > 0 && v[3] > 0 ? { x: v[0], y: v[1], w: v[2], h: v[3] } : null;
  }
  function applyView() { if (view) svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' ')); }
  function pxPerUnit() {
    var r = svg.getBoundingClientRect();
    return view && r.width > 0 ? Math.min(r.width / view.w, r.height / view.h) : 1;
  }
  function fitView() { if (base) { view = { x: base.x, y: base.y, w: base.w, h: base.h }; applyView(); } }
  // The first view: the period's actors (not the places kept for absent ones) filling the frame, zoomed in further
  // on their centre when the smallest labels would be under 9 px tall; "Fit" shows the whole canvas.
  function firstView() {
    fitView();
    if (!base) return;
    var r = svg.getBoundingClientRect(), box = null, smallest = 14;
    Array.prototype.forEach.call(svg.querySelectorAll('g.node[id^="actor-"]'), function (g) {
      var b = g.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) return;
      box = box ? { l: Math.min(box.l, b.left), t: Math.min(box.t, b.top), r: Math.max(box.r, b.right), b: Math.max(box.b, b.bottom) }
                : { l: b.left, t: b.top, r: b.right, b: b.bottom };
      var t = g.querySelector('text');
      if (t) smallest = Math.min(smallest, parseFloat(t.getAttribute('font-size')) || 10);
    });
    if (!box || r.width === 0) return;
    var a = toUnits(box.l, box.t), z = toUnits(box.r, box.b);
    var padX = (z.x - a.x) * 0.04 + 10, padY = (z.y - a.y) * 0.04 + 10;
    var cx = (a.x + z.x) / 2, cy = (a.y + z.y) / 2;
    var w = z.x - a.x + 2 * padX, h = z.y - a.y + 2 * padY;
    var scale = Math.min(r.width / w, r.height / h);
    var needed = 9 / Math.max(8, smallest);
    if (scale < needed) scale = needed;
    scale = Math.min(scale, 2.5);
    var vw = r.width / scale, vh = r.height / scale;
    view = { x: cx - vw / 2, y: cy - vh / 2, w: vw, h: vh };
    applyView();
  }
  function zoom(factor, cx, cy) {
    if (!view) return;
    var w = Math.min(base.w * 1.5, Math.max(base.w / 40, view.w / factor));
    var f = view.w / w;
    var h = view.h / f;
    if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
    view = { x: cx - (cx - view.x) / f, y: cy - (cy - view.y) / f, w: w, h: h };
    applyView();
  }
  function toUnits(clientX, clientY) {
    var r = svg.getBoundingClientRect(), s = pxPerUnit();
    var ox = r.left + (r.width - view.w * s) / 2, oy = r.top + (r.height - view.h * s) / 2;
    return { x: view.x + (clientX - ox) / s, y: view.y + (clientY - oy) / s };
  }

  function drawDiagram(i) {
    var p = periods[i];
    var old = {}, oldAt = {};
    Array.prototype.forEach.call(svg.querySelectorAll('g.node[id]'), function (g) {
      var b = g.getBoundingClientRect();
      old[g.getAttribute('id')] = g;
      oldAt[g.getAttribute('id')] = [b.left + b.width / 2, b.top + b.height / 2];
    });
    var oldTransform = svg.firstChild && svg.firstChild.getAttribute ? svg.firstChild.getAttribute('transform') : null;
    var oldBase = base;
    clear(svg);
    edgeByKey = {};
    p.edges.forEach(function (e) { edgeByKey['tie-' + e.a + '--' + e.b + '-' + e.relation] = e; });
    coalitionOf = {};
    p.coalitions.forEach(function (c) { (c.ids || []).forEach(function (id) { coalitionOf[id] = c; }); });
    if (!p.svg) {
      base = null;
      svg.setAttribute('hidden', '');
      $('no-diagram').hidden = false;
      return;
    }
    svg.removeAttribute('hidden');
    $('no-diagram').hidden = true;
    var tree = build(p.svg);
    var box = tree ? parseBox(tree.getAttribute('viewBox')) : null;
    if (!box && tree) {
      var w = parseFloat(tree.getAttribute('width')), h = parseFloat(tree.getAttribute('height'));
      if (w > 0 && h > 0) box = { x: 0, y: 0, w: w, h: h };
    }
    while (tree && tree.firstChild) svg.appendChild(tree.firstChild);
    svg.setAttribute('aria-label', p.alt || ('Diagram of ' + p.label));
    // Line the page up with the common frame: its root group moves by the crop, and so does its whole canvas.
    var root = svg.querySelector('g#graph0'), f = frames[i], own = pages[i].t;
    if (root && f && own && box && TRANSLATE.test(String(root.getAttribute('transform') || '').trim())) {
      root.setAttribute('transform', 'scale(1 1) rotate(0) translate(' + f.x + ' ' + f.y + ')');
      box = { x: box.x + f.x - own.x, y: box.y + f.y - own.y, w: box.w, h: box.h };
    }
    var sameFrame = !!(oldBase && box) && previous >= 0 && (chains[previous] === chains[i] && !!frames[previous] && !!f
      || oldBase.x === box.x && oldBase.y === box.y && oldBase.w === box.w && oldBase.h === box.h);
    base = box;
    // Stable positions: actors keep their place; arriving ones fade in, departing ones fade out where they were.
    var now = {};
    Array.prototype.forEach.call(svg.querySelectorAll('g.node[id]'), function (g) {
      var id = g.getAttribute('id');
      now[id] = true;
      if (previous >= 0 && sameFrame && !old[id]) g.classList.add('enter');
    });
    if (previous >= 0 && sameFrame && !reduceMotion) {
      var ghosts = document.createElementNS(SVGNS, 'g');
      ghosts.setAttribute('class', 'ghosts');
      if (oldTransform) ghosts.setAttribute('transform', oldTransform);
      Object.keys(old).forEach(function (id) {
        if (now[id]) return;
        var g = old[id];
        g.classList.remove('enter', 'hl');
        g.classList.add('leave');
        g.removeAttribute('id');
        ghosts.appendChild(g);
      });
      if (ghosts.firstChild) {
        svg.appendChild(ghosts);
        window.setTimeout(function () { if (ghosts.parentNode) ghosts.parentNode.removeChild(ghosts); }, 800);
      }
    }
    // A wide transparent copy of each tie's line, so that a thin line is easy to point at and click.
    Array.prototype.forEach.call(svg.querySelectorAll('g.edge'), function (g) {
      var line = g.querySelector('path');
      if (!line) return;
      var hit = line.cloneNode(false);
      hit.removeAttribute('stroke-dasharray');
      hit.setAttribute('class', 'hit');
      g.appendChild(hit);
    });
    var keep = sameFrame && view && (playing || anyActorInView());
    if (keep) applyView(); else firstView();
    // An actor drawn in both periods whose place changed (members are drawn around their coalition, which moves
    // when its members change) glides from its old place to its new one instead of jumping.
    if (keep && previous >= 0 && !reduceMotion) {
      var s = pxPerUnit();
      Array.prototype.forEach.call(svg.querySelectorAll('g.node[id]'), function (g) {
        var was = oldAt[g.getAttribute('id')];
        if (!was) return;
        var b = g.getBoundingClientRect(), dx = was[0] - (b.left + b.width / 2), dy = was[1] - (b.top + b.height / 2);
        if (Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5) return;
        g.style.transition = 'none';
        g.style.transform = 'translate(' + dx / s + 'px,' + dy / s + 'px)';
        g.getBoundingClientRect();
        g.style.transition = 'transform 0.7s ease-in-out';
        g.style.transform = '';
      });
    }
    keyboardNodes();
    highlight();
    markSelected();
  }
  // Whether some actor of the page shows in the frame (else a period change starts from its own first view).
  function anyActorInView() {
    var r = frame.getBoundingClientRect();
    return Array.prototype.some.call(svg.querySelectorAll('g.node[id^="actor-"]'), function (g) {
      var b = g.getBoundingClientRect();
      return b.width > 0 && b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom;
    });
  }
  // A move of the view over 0.6 s (at once when the reader asks for reduced motion).
  var camera = null;
  function moveView(to) {
    if (camera) window.cancelAnimationFrame(camera);
    camera = null;
    if (reduceMotion || !view) { view = to; applyView(); return; }
    var from = { x: view.x, y: view.y, w: view.w, h: view.h }, t0 = null;
    function step(t) {
      if (t0 === null) t0 = t;
      var k = Math.min(1, (t - t0) / 600), e = k < 0.5 ? 2 * k * k : 1 - Math.pow(-2 * k + 2, 2) / 2;
      view = { x: from.x + (to.x - from.x) * e, y: from.y + (to.y - from.y) * e, w: from.w + (to.w - from.w) * e, h: from.h + (to.h - from.h) * e };
      applyView();
      camera = k < 1 ? window.requestAnimationFrame(step) : null;
    }
    camera = window.requestAnimationFrame(step);
  }
  // Play's camera: every actor of the periods to come in view at once, so that nobody moves while it plays.
  function viewForPlay() {
    var c = castBox(chains[current]), r = svg.getBoundingClientRect();
    if (!c || !base || r.width === 0) return;
    var pad = 60, w = c.r - c.l + 2 * pad, h = c.b - c.t + 2 * pad + 20;
    var scale = Math.min(r.width / w, r.height / h, 2.5);
    var vw = r.width / scale, vh = r.height / scale;
    moveView({ x: (c.l + c.r) / 2 - vw / 2, y: (c.t + c.b) / 2 - 10 - vh / 2, w: vw, h: vh });
  }

  // ---- Keyboard: the actors of the diagram are buttons in one tab stop; arrows move between them, Enter or
  // space opens the actor's view.
  var focusedActor = null;
  function actorNodes() { return Array.prototype.slice.call(svg.querySelectorAll('g.node[id^="actor-"]')); }
  function keyboardNodes() {
    var nodes = actorNodes(), stop = 0;
    nodes.forEach(function (g, k) {
      var id = actorIdOf(g), c = coalitionOf[id];
      if (id === focusedActor) stop = k;
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', nameOf(id) + (c ? ', ' + c.label : ', in no coalition'));
    });
    nodes.forEach(function (g, k) { g.setAttribute('tabindex', k === stop ? '0' : '-1'); });
  }
  svg.addEventListener('keydown', function (ev) {
    var g = ev.target && ev.target.closest ? ev.target.closest('g.node[tabindex]') : null;
    if (!g) return;
    var nodes = actorNodes(), k = nodes.indexOf(g), to = null;
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); ev.stopPropagation(); openActor(actorIdOf(g), true); return; }
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') to = (k + 1) % nodes.length;
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') to = (k - 1 + nodes.length) % nodes.length;
    else if (ev.key === 'Home') to = 0;
    else if (ev.key === 'End') to = nodes.length - 1;
    if (to === null) return;
    ev.preventDefault();
    ev.stopPropagation();
    nodes.forEach(function (x, j) { x.setAttribute('tabindex', j === to ? '0' : '-1'); });
    nodes[to].focus();
  });
  svg.addEventListener('focusin', function (ev) {
    var g = ev.target && ev.target.closest ? ev.target.closest('g.node[tabindex]') : null;
    focusedActor = g ? actorIdOf(g) : focusedActor;
  });
  function actorIdOf(g) { var id = g.getAttribute('id') || ''; return id.indexOf('actor-') === 0 ? id.slice(6) : null; }
  function edgeOf(g) { return edgeByKey[g.getAttribute('id') || ''] || null; }
  function highlight() {
    var on = !!focusActor;
    svg.classList.toggle('focus', on && !!svg.querySelector('g.node[id="actor-' + cssEscape(focusActor || '') + '"]'));
    Array.prototype.forEach.call(svg.querySelectorAll('g.node[id], g.edge[id]'), function (g) {
      var hl = false;
      if (on) {
        if (g.classList.contains('node')) hl = actorIdOf(g) === focusActor;
        else { var e = edgeOf(g); hl = !!e && (e.a === focusActor || e.b === focusActor); }
      }
      g.classList.toggle('hl', hl);
    });
  }
  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/[^a-zA-Z0-9_-]/g, '\\$&'); }
  function markSelected() {
    Array.prototype.forEach.call(svg.querySelectorAll('g.edge'), function (g) {
      g.classList.toggle('selected', selectedEdge !== null && edgeOf(g) === selectedEdge);
    });
  }

  // Tooltips, clicks, zoom and pan on the diagram.
  svg.addEventListener('mousemove', function (ev) {
    var g = ev.target.closest ? ev.target.closest('g.node, g.edge') : null;
    if (!g || g.classList.contains('leave')) { tooltip.hidden = true; return; }
    var text = '';
    if (g.classList.contains('node')) {
      var id = actorIdOf(g), c = id ? coalitionOf[id] : null;
      text = nameOf(id) + (c ? ' — ' + c.label : '') + ' · click for their path';
    } else {
      var e = edgeOf(g);
      if (!e) { tooltip.hidden = true; return; }
      text = nameOf(e.a) + ' – ' + nameOf(e.b) + ': ' + e.relation + ', weight ' + num(e.weight) + ' · '
        + plural(e.ties.length, 'tie', 'ties') + ' · click for sources';
    }
    tooltip.textContent = text;
    tooltip.hidden = false;
    var r = frame.getBoundingClientRect();
    var x = ev.clientX - r.left + 14, y = ev.clientY - r.top + 14;
    if (x + tooltip.offsetWidth > r.width) x = Math.max(0, ev.clientX - r.left - tooltip.offsetWidth - 10);
    if (y + tooltip.offsetHeight > r.height) y = Math.max(0, ev.clientY - r.top - tooltip.offsetHeight - 10);
    tooltip.style.left = x + 'px';
    tooltip.style.top = y + 'px';
  });
  svg.addEventListener('mouseleave', function () { tooltip.hidden = true; });
  var drag = null, dragged = false;
  svg.addEventListener('pointerdown', function (ev) {
    if (!view || ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, view: { x: view.x, y: view.y, w: view.w, h: view.h } };
    dragged = false;
  });
  window.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!dragged) { dragged = true; svg.classList.add('dragging'); tooltip.hidden = true; }
    var s = pxPerUnit();
    view = { x: drag.view.x - dx / s, y: drag.view.y - dy / s, w: drag.view.w, h: drag.view.h };
    applyView();
  });
  window.addEventListener('pointerup', function () { drag = null; svg.classList.remove('dragging'); });
  svg.addEventListener('click', function (ev) {
    if (dragged) { dragged = false; return; }
    var g = ev.target.closest ? ev.target.closest('g.node, g.edge') : null;
    if (!g) return;
    if (g.classList.contains('node')) { var id = actorIdOf(g); if (id && actorById[id]) openActor(id, true); return; }
    var e = edgeOf(g);
    if (e) { selectedEdge = e; markSelected(); showEvidence(e); }
  });
  svg.addEventListener('wheel', function (ev) {
    if (!view) return;
    ev.preventDefault();
    var u = toUnits(ev.clientX, ev.clientY);
    zoom(ev.deltaY < 0 ? 1.2 : 1 / 1.2, u.x, u.y);
  }, { passive: false });
  $('zoom-in').addEventListener('click', function () { zoom(1.4); });
  $('zoom-out').addEventListener('click', function () { zoom(1 / 1.4); });
  $('zoom-fit').addEventListener('click', fitView);
  $('evidence-close').addEventListener('click', closeEvidence);

  // ---- The measures, with a one-line reading of each value.
  function reading(p, name, title, v) {
    var m = data.measures || {};
    var ties = (p.positive || 0) + (p.negative || 0);
    var tri = null;
    p.balance.forEach(function (b) { if (b[2] === 'triangles') tri = b[1]; });
    if (v === null || v === undefined) return title + ': not defined in this period' + (name === 'balance_ratio' ? ' (no closed triangle)' : '') + '.';
    if (name === 'frustration') return title + ' ' + num(v) + ' of ' + plural(ties, 'tie', 'ties') + ': ' + m.frustration + '.';
    if (name === 'balance_ratio' && tri !== null) return title + ' ' + num(v) + ': ' + Math.round(v * tri) + ' of ' + plural(tri, 'closed triangle', 'closed triangles') + ' balanced — ' + m.balance_ratio + '.';
    return m[name] ? title + ' ' + num(v) + ': ' + m[name] + '.' : null;
  }

  // ---- The period.
  function select(i, updateHash) {
    i = Math.max(0, Math.min(n - 1, i | 0));
    if (i === current) { updateChrome(i, updateHash); return; }
    previous = current;
    current = i;
    var p = periods[i];
    if (selectedEdge) { $('evidence-box').hidden = true; selectedEdge = null; }
    updateChrome(i, updateHash);
    drawDiagram(i);
    $('diagram-caption').textContent = (p.alt ? p.alt + '. ' : '') + 'Scroll or use + and − to zoom, drag to pan; point at an actor or a tie for details, click a tie for its sources, an actor for their path.';

    var facts = $('facts');
    clear(facts);
    if (p.actors !== null) fact(facts, 'Actors', num(p.actors));
    if (p.positive !== null) fact(facts, 'Alliances (+)', num(p.positive));
    if (p.negative !== null) fact(facts, 'Rivalries (−)', num(p.negative));
    fact(facts, 'Coalitions', num(p.counts.count));
    fact(facts, 'Largest coalition', pct(p.counts.largestShare));
    fact(facts, 'Effective number', num(p.counts.effective));
    p.balance.forEach(function (b) { fact(facts, b[0], num(b[1])); });
    var readings = $('readings');
    clear(readings);
    readings.appendChild(el('li', null, 'Effective number ' + num(p.counts.effective) + ': 1 ÷ the sum of the squared coalition shares — as many equal coalitions would split the actors as evenly.'));
    p.balance.forEach(function (b) {
      var r = reading(p, b[2], b[0], b[1]);
      if (r) readings.appendChild(el('li', null, r));
    });

    var evs = $('events');
    clear(evs);
    if (!p.events || p.events.length === 0) evs.appendChild(el('li', 'empty', 'No dated event of the dataset in this period.'));
    (p.events || []).forEach(function (k) {
      var e = events[k];
      if (!e) return;
      var li = el('li', 'event-item');
      li.appendChild(el('span', 'event-date', e.date));
      li.appendChild(el('span', 'event-kind', e.kind));
      li.appendChild(el('span', 'event-text', e.description));
      if (e.actors.length) {
        var who = el('span', 'tie-meta');
        e.actors.forEach(function (a, j) { if (j) who.appendChild(document.createTextNode(', ')); who.appendChild(personLink(a.id, a.name)); });
        li.appendChild(who);
      }
      li.appendChild(sourceList(e.sources));
      evs.appendChild(li);
    });

    var list = $('coalitions');
    clear(list);
    if (p.coalitions.length === 0) list.appendChild(el('li', 'empty', 'No coalitions in this period.'));
    p.coalitions.forEach(function (c) {
      var li = el('li', 'coalition');
      var head = el('div', 'coalition-head');
      var sw = el('span', 'swatch');
      if (c.color) sw.style.backgroundColor = c.color;
      head.appendChild(sw);
      head.appendChild(el('span', 'coalition-label', c.label));
      head.appendChild(el('span', 'coalition-id', c.id));
      head.appendChild(el('span', 'coalition-size', plural(c.size, 'member', 'members')));
      li.appendChild(head);
      li.appendChild(el('p', 'members', c.members.join(', ')));
      list.appendChild(li);
    });

    var changes = $('changes');
    clear(changes);
    if (p.changes.length === 0) {
      changes.appendChild(el('li', 'empty', i === 0 ? 'First period: nothing to compare with.' : 'No changes.'));
    }
    p.changes.forEach(function (c) {
      var li = el('li', 'change');
      li.appendChild(el('span', 'event', c.event));
      li.appendChild(el('span', 'detail', c.detail));
      if (typeof c.probability === 'number') {
        li.appendChild(el('span', 'change-meta', 'Monte Carlo: in ' + Math.round(c.probability * 100) + '% of the draws over what the sources leave open (confidences, uncertain dates)'));
      }
      if (c.explanation) li.appendChild(why(c.explanation));
      var meta = [];
      if (c.coalitions.length) meta.push('Coalitions: ' + c.coalitions.join(', '));
      if (c.actors.length) meta.push('Actors: ' + c.actors.join(', '));
      if (meta.length) li.appendChild(el('span', 'change-meta', meta.join(' · ')));
      var d = el('details', 'evidence-toggle');
      var sum = el('summary', null, (c.ties && c.ties.length ? 'Rests on ' + plural(c.ties.length, 'tie', 'ties') : 'No tie among the coalitions involved') + ' within and between the coalitions involved, with their sources');
      d.appendChild(sum);
      d.addEventListener('toggle', function () {
        if (d.open && d.childNodes.length === 1) d.appendChild(tieList(c.ties || [], null, 40));
      });
      li.appendChild(d);
      changes.appendChild(li);
    });

    if (data.readings) readingsOf(i);

    var top = $('top-actors');
    clear(top);
    if (p.top.length === 0) top.appendChild(el('li', 'empty', 'No ranking for this period.'));
    var best = p.top.reduce(function (m, a) { return Math.max(m, Math.abs(a[1] || 0)); }, 0);
    p.top.forEach(function (a, k) {
      var li = el('li');
      li.appendChild(el('span', 'rank', k + 1));
      li.appendChild(el('span', 'name', a[0]));
      li.appendChild(el('span', 'value', num(a[1])));
      var bar = el('span', 'bar'), fill = el('span');
      fill.style.width = (best > 0 ? Math.abs(a[1] || 0) / best * 100 : 0) + '%';
      bar.appendChild(fill);
      li.appendChild(bar);
      top.appendChild(li);
    });
    if (focusActor) renderActor(focusActor);
  }

  // ---- Readings side by side: what differs in the period between the dataset's readings.
  function readingsOf(i) {
    var R = data.readings, P = R.periods[i];
    if (!P) return;
    var same = $('compare-same');
    var groups = (data.sameReadings || []).map(function (g) { return g.slice(0, -1).join(', ') + ' and ' + g[g.length - 1]; });
    same.textContent = (P.differences.length === 0 ? 'All readings give the same coalitions and changes in ' + periods[i].label + '.'
      : plural(P.differences.length, 'difference', 'differences') + ' between the readings in ' + periods[i].label + '.')
      + (groups.length ? ' ' + groups.join('; ') + ' give the same coalitions and changes in every period with these settings.' : '');
    var box = $('compare-table');
    clear(box);
    if (P.differences.length) {
      var table = el('table', 'compare-table'), head = el('tr');
      ['What', 'Who'].concat(R.scenarios).forEach(function (h) { var th = el('th', null, h); th.scope = 'col'; head.appendChild(th); });
      var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
      var body = el('tbody');
      P.differences.forEach(function (d) {
        var tr = el('tr');
        tr.appendChild(el('td', 'what', d.what));
        var who = el('td', 'who', d.actors.join(', '));
        if (d.detail) who.appendChild(el('span', 'detail', d.detail));
        tr.appendChild(who);
        // A change's places: "yes" when it involves everyone listed under Who, else who under that reading.
        var everyone = 'yes: ' + d.actors.join(', ');
        d.places.forEach(function (place) {
          tr.appendChild(el('td', 'place' + (place !== d.places[0] ? ' differs' : ''), place === everyone ? 'yes' : place));
        });
        body.appendChild(tr);
      });
      table.appendChild(body);
      box.appendChild(table);
    }
    var dl = $('compare-coalitions');
    clear(dl);
    R.scenarios.forEach(function (name, r) {
      dl.appendChild(el('dt', null, name));
      var cs = P.coalitions[r] || [];
      dl.appendChild(el('dd', null, cs.length ? cs.map(function (c) { return c.label + ' (' + c.members.length + ')'; }).join(' · ') : 'no coalition'));
    });
  }

  function updateChrome(i, updateHash) {
    var p = periods[i];
    slider.value = String(i);
    $('period-label').textContent = p.label;
    $('period-dates').textContent = p.start === p.end ? p.start : p.start + ' – ' + p.end;
    $('period-position').textContent = 'Period ' + (i + 1) + ' of ' + n;
    $('prev').disabled = i === 0;
    $('next').disabled = i === n - 1;
    Array.prototype.forEach.call(document.querySelectorAll('.chart svg'), function (s) {
      var x0 = parseFloat(s.getAttribute('data-x0')), step = parseFloat(s.getAttribute('data-step'));
      var m = s.querySelector('.marker');
      if (m) m.setAttribute('x', String(x0 + i * step));
    });
    Array.prototype.forEach.call(document.querySelectorAll('#ticks li, .ranking tbody tr, #event-strip li'), function (e) {
      var b = e.tagName === 'LI' ? e.firstChild : e;
      var on = parseInt(b.getAttribute('data-period'), 10) === i;
      e.classList.toggle(e.tagName === 'LI' ? 'current' : 'selected', on);
    });
    document.title = p.label + ' · ' + data.title;
    if (updateHash) {
      var h = '#' + encodeURIComponent(p.label);
      if (location.hash !== h) {
        try { history.replaceState(null, '', h); } catch (e) { location.hash = h; }
      }
    }
  }

  function place() {
    Array.prototype.forEach.call(document.querySelectorAll('#ticks li'), function (li, k) {
      li.style.left = (n > 1 ? k / (n - 1) * 100 : 50) + '%';
    });
    var strip = $('event-strip');
    if (strip) strip.style.height = parseInt(strip.getAttribute('data-rows'), 10) * 9 + 6 + 'px';
    Array.prototype.forEach.call(document.querySelectorAll('#event-strip li'), function (li) {
      li.style.left = parseFloat(li.getAttribute('data-left')) + '%';
      li.style.top = parseInt(li.getAttribute('data-stack'), 10) * 9 + 3 + 'px';
    });
  }

  // ---- Actors: search, and each actor's path, measures and ties.
  var search = $('actor-search'), results = $('actor-results');
  function norm(s) { return String(s).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''); }
  function runSearch() {
    var q = norm(search.value.trim());
    clear(results);
    if (!q) { results.hidden = true; return []; }
    var found = actors.filter(function (a) { return norm(a.name).indexOf(q) >= 0 || norm(a.id).indexOf(q) >= 0; }).slice(0, 30);
    if (found.length === 0) results.appendChild(el('li', 'empty', 'No actor by that name.'));
    found.forEach(function (a) {
      var li = el('li'), b = el('button', null, a.name);
      b.type = 'button';
      b.setAttribute('data-actor', a.id);
      b.appendChild(el('span', 'kind', a.kind));
      li.appendChild(b);
      results.appendChild(li);
    });
    results.hidden = false;
    return found;
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') { var f = runSearch(); if (f.length) openActor(f[0].id, true); ev.preventDefault(); }
    if (ev.key === 'Escape') { results.hidden = true; }
  });
  document.addEventListener('click', function (ev) {
    if (!ev.target.closest || (!ev.target.closest('.search'))) results.hidden = true;
  });

  function openActor(id, scroll) {
    if (!actorById[id]) return;
    focusActor = id;
    results.hidden = true;
    renderActor(id);
    highlight();
    $('actor-view').hidden = false;
    if (scroll) $('actor-view').scrollIntoView({ block: 'start', behavior: 'auto' });
  }
  function closeActor() { focusActor = null; $('actor-view').hidden = true; highlight(); }
  $('actor-close').addEventListener('click', closeActor);

  function renderActor(id) {
    var a = actorById[id];
    $('actor-name').textContent = a.name;
    $('actor-kind').textContent = a.kind + ' · ' + a.id;
    $('actor-note').textContent = a.note || '';
    var path = $('actor-path');
    clear(path);
    periods.forEach(function (p, k) {
      var c = null;
      p.coalitions.forEach(function (x) { if ((x.ids || []).indexOf(id) >= 0) c = x; });
      var present = a.metrics.length ? a.metrics.some(function (m) { return m[k] !== null && m[k] !== undefined; }) : !!c;
      var li = el('li', (c ? 'in' : 'absent') + (k === current ? ' current' : ''));
      li.setAttribute('data-period', String(k));
      li.appendChild(el('span', 'p', p.label));
      if (c) {
        var sw = el('span', 'swatch');
        if (c.color) sw.style.backgroundColor = c.color;
        li.appendChild(sw);
        li.appendChild(el('span', 'c', c.label));
        li.title = p.label + ': ' + c.label + ' (' + c.id + ')';
        var sure = c.certainty ? c.certainty[(c.ids || []).indexOf(id)] : null;
        if (typeof sure === 'number') {
          li.classList.add(sure >= 0.9 ? 'certain' : sure >= 0.5 ? 'uncertain' : 'doubtful');
          li.appendChild(el('span', 'certainty', 'in ' + Math.round(sure * 100) + '% of draws'));
          li.title += ' — kept there in ' + Math.round(sure * 100) + '% of the Monte Carlo draws';
        }
      } else {
        li.appendChild(el('span', 'c', present ? 'in no coalition' : 'absent'));
      }
      path.appendChild(li);
    });
    var charts = $('actor-charts');
    clear(charts);
    (data.actorCharts || []).forEach(function (spec, m) {
      charts.appendChild(spark(spec, a.metrics[m] || []));
    });
    var mine = [];
    ties.forEach(function (t, k) { if (t.a === id || t.b === id) mine.push(k); });
    mine.sort(function (x, y) { return ties[x].start < ties[y].start ? -1 : ties[x].start > ties[y].start ? 1 : x - y; });
    var list = $('actor-ties');
    var fresh = tieList(mine, id, 60);
    fresh.id = 'actor-ties';
    list.parentNode.replaceChild(fresh, list);
    if (mine.length === 0) fresh.appendChild(el('li', 'empty', 'No tie of this actor in the reading.'));
  }
  function spark(spec, values) {
    var fig = el('figure');
    var cap = el('figcaption');
    var v = values[current];
    cap.appendChild(el('b', null, spec.title + ' ' + num(v === undefined ? null : v)));
    cap.appendChild(document.createTextNode(' in ' + periods[current].label + ' — ' + spec.note));
    var s = document.createElementNS(SVGNS, 'svg');
    var W = 240, H = 70, pad = 6;
    s.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    s.setAttribute('preserveAspectRatio', 'none');
    s.setAttribute('role', 'img');
    s.setAttribute('aria-label', spec.title + ' by period');
    var finite = values.filter(function (x) { return typeof x === 'number' && isFinite(x); });
    var lo = Math.min(0, Math.min.apply(null, finite.concat([0]))), hi = Math.max.apply(null, finite.concat([lo + 1e-9]));
    if (hi <= lo) hi = lo + 1;
    var step = (W - 2 * pad) / Math.max(n, 1);
    function x(k) { return pad + (k + 0.5) * step; }
    function y(val) { return H - pad - (val - lo) / (hi - lo) * (H - 2 * pad); }
    var mark = document.createElementNS(SVGNS, 'rect');
    mark.setAttribute('class', 'spark-marker');
    mark.setAttribute('x', pad + current * step); mark.setAttribute('y', 0);
    mark.setAttribute('width', step); mark.setAttribute('height', H);
    s.appendChild(mark);
    var axis = document.createElementNS(SVGNS, 'line');
    axis.setAttribute('class', 'spark-axis');
    axis.setAttribute('x1', pad); axis.setAttribute('x2', W - pad); axis.setAttribute('y1', y(lo)); axis.setAttribute('y2', y(lo));
    s.appendChild(axis);
    var d = '', pen = false;
    values.forEach(function (val, k) {
      if (typeof val !== 'number' || !isFinite(val)) { pen = false; return; }
      d += (pen ? ' L' : ' M') + x(k).toFixed(1) + ' ' + y(val).toFixed(1);
      pen = true;
    });
    if (d) {
      var line = document.createElementNS(SVGNS, 'path');
      line.setAttribute('class', 'spark-line');
      line.setAttribute('d', d.trim());
      s.appendChild(line);
    }
    fig.appendChild(cap);
    fig.appendChild(s);
    if (finite.length > 1 && finite.every(function (z) { return z === finite[0]; })) {
      fig.appendChild(el('p', 'tie-meta', 'Flat: ' + num(finite[0]) + ' in every period where the actor is present.'));
    }
    return fig;
  }

  // ---- Play: step through the periods.
  function stop() {
    if (playing) window.clearInterval(playing);
    playing = null;
    $('play').classList.remove('playing');
    $('play').textContent = '▶';
    $('play').setAttribute('aria-label', 'Play through the periods');
  }
  function play() {
    if (playing) { stop(); return; }
    if (current >= n - 1) select(0, true);
    viewForPlay();
    $('play').classList.add('playing');
    $('play').textContent = '❚❚';
    $('play').setAttribute('aria-label', 'Pause');
    playing = window.setInterval(function () {
      if (current >= n - 1) { stop(); return; }
      select(current + 1, true);
      revealHead();
      if (current >= n - 1) stop();
    }, 1500);
  }

  slider.addEventListener('input', function () { stop(); select(parseInt(slider.value, 10), true); });
  $('prev').addEventListener('click', function () { stop(); select(current - 1, true); });
  $('next').addEventListener('click', function () { stop(); select(current + 1, true); });
  $('play').addEventListener('click', play);
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('[data-actor]') : null;
    if (a) { openActor(a.getAttribute('data-actor'), true); return; }
    var t = e.target && e.target.closest ? e.target.closest('[data-period]') : null;
    if (t) { stop(); select(parseInt(t.getAttribute('data-period'), 10), true); revealHead(); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target === slider) return;
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    if (e.target && e.target.closest && e.target.closest('#diagram g.node[tabindex]')) return;
    if (e.key === '+' || e.key === '=') { zoom(1.4); return; }
    if (e.key === '-') { zoom(1 / 1.4); return; }
    if (e.key === ' ' && (tag !== 'BUTTON')) { e.preventDefault(); play(); return; }
    var to = e.key === 'ArrowLeft' ? current - 1 : e.key === 'ArrowRight' ? current + 1 : null;
    if (to === null) return;
    e.preventDefault();
    stop();
    select(to, true);
  });
  window.addEventListener('hashchange', function () {
    var i = fromHash();
    if (i >= 0 && i !== current) { select(i, false); revealHead(); }
  });
  // The sticky slider's height (the period heading and the actor view scroll to just below it), and the heading
  // brought into view when a period is opened from further down the page.
  var timeline = document.querySelector('.timeline');
  function measureSticky() { document.documentElement.style.setProperty('--sticky', Math.ceil(timeline.getBoundingClientRect().height) + 'px'); }
  function revealHead() {
    var head = document.querySelector('.period-head'), r = head.getBoundingClientRect(), under = timeline.getBoundingClientRect().bottom;
    if (r.top < under || r.top > window.innerHeight - 80) head.scrollIntoView({ block: 'start', behavior: 'auto' });
  }
  window.addEventListener('resize', measureSticky);
  place();
  measureSticky();
  var start = fromHash();
  select(start >= 0 ? start : 0, false);
  document.documentElement.className = 'js';
})();

"""#
}
