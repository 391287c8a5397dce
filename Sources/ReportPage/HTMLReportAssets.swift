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
.masthead { border-bottom: 1px solid var(--rule); padding: 2.2rem 0 1.4rem; background: linear-gradient(var(--wash), var(--paper)); }
.kicker { font: 600 0.78rem var(--sans); letter-spacing: 0.12em; text-transform: uppercase; color: var(--accent); margin: 0; }
.masthead h1 { font-size: 2.5rem; margin: 0.3rem 0 0.5rem; letter-spacing: -0.01em; overflow-wrap: anywhere; }
.lede { max-width: 48em; font-size: 1.08rem; color: #3b3731; overflow-wrap: anywhere; }
.span { font-style: italic; color: var(--muted); }
.settings { display: flex; flex-wrap: wrap; gap: 0.3rem 1.6rem; margin: 1rem 0 0; font: 0.85rem/1.4 var(--sans); }
.settings div { display: flex; gap: 0.4rem; }
.settings dt { color: var(--muted); }
.settings dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.timeline { display: flex; align-items: flex-start; gap: 14px; margin: 1.2rem 0 0.6rem; padding: 0.6rem 0 0.2rem;
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
.period-head { display: flex; align-items: baseline; flex-wrap: wrap; gap: 0.3rem 1.2rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.4rem; }
#period-label { font-size: 2.3rem; margin: 0.6rem 0 0; color: var(--accent); font-variant-numeric: lining-nums; overflow-wrap: anywhere; }
#period-dates { color: var(--muted); font-style: italic; }
#period-position { margin-left: auto; font: 0.8rem var(--sans); color: var(--muted); }
.period { display: grid; grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); gap: 28px; margin-top: 1.2rem; }
.diagram { margin: 0; }
.diagram .frame { background: #fff; border: 1px solid var(--rule); padding: 10px; min-height: 320px; display: flex; align-items: center; justify-content: center; }
.diagram img { display: block; width: 100%; height: auto; max-height: 78vh; object-fit: contain; cursor: zoom-in; }
.period.enlarged { grid-template-columns: minmax(0, 1fr); }
.period.enlarged .diagram img { max-height: none; cursor: zoom-out; }
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
  .diagram .frame { min-height: 0; }
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
  function $(id) { return document.getElementById(id); }
  var slider = $('slider'), current = -1;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function num(v) {
    if (v === null || v === undefined) return '–';
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
  function indexOfLabel(label) {
    for (var i = 0; i < n; i++) if (periods[i].period === label) return i;
    return -1;
  }
  function fromHash() {
    var h = location.hash.slice(1);
    if (!h) return -1;
    try { h = decodeURIComponent(h); } catch (e) { return -1; }
    return indexOfLabel(h);
  }

  function select(i, updateHash) {
    i = Math.max(0, Math.min(n - 1, i | 0));
    current = i;
    var p = periods[i];
    slider.value = String(i);
    $('period-label').textContent = p.period;
    $('period-dates').textContent = p.start === p.end ? p.start : p.start + ' – ' + p.end;
    $('period-position').textContent = 'Period ' + (i + 1) + ' of ' + n;
    $('prev').disabled = i === 0;
    $('next').disabled = i === n - 1;

    var img = $('diagram');
    if (p.diagram) {
      img.src = p.diagram;
      img.alt = p.alt || ('Diagram of ' + p.period);
      img.hidden = false;
      $('no-diagram').hidden = true;
    } else {
      img.removeAttribute('src');
      img.alt = '';
      img.hidden = true;
      $('no-diagram').hidden = false;
    }
    $('diagram-caption').textContent = (p.alt ? p.alt + '. ' : '') + 'Click the diagram to enlarge or reduce it.';

    var facts = $('facts');
    clear(facts);
    if (p.actors !== null) fact(facts, 'Actors', num(p.actors));
    if (p.pos_edges !== null) fact(facts, 'Alliances (+)', num(p.pos_edges));
    if (p.neg_edges !== null) fact(facts, 'Rivalries (−)', num(p.neg_edges));
    fact(facts, 'Coalitions', num(p.counts.count));
    fact(facts, 'Largest coalition', pct(p.counts.largest_share));
    fact(facts, 'Effective number', num(p.counts.effective_number));
    p.balance.forEach(function (b) { fact(facts, b[0], num(b[1])); });

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
      var meta = [];
      if (c.coalitions.length) meta.push('Coalitions: ' + c.coalitions.join(', '));
      if (c.actors.length) meta.push('Actors: ' + c.actors.join(', '));
      if (meta.length) li.appendChild(el('span', 'change-meta', meta.join(' · ')));
      changes.appendChild(li);
    });

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

    Array.prototype.forEach.call(document.querySelectorAll('.chart svg'), function (svg) {
      var x0 = parseFloat(svg.getAttribute('data-x0')), step = parseFloat(svg.getAttribute('data-step'));
      var m = svg.querySelector('.marker');
      if (m) m.setAttribute('x', String(x0 + i * step));
    });
    Array.prototype.forEach.call(document.querySelectorAll('#ticks li, .ranking tbody tr'), function (e, k) {
      var b = e.tagName === 'LI' ? e.firstChild : e;
      var on = parseInt(b.getAttribute('data-period'), 10) === i;
      e.classList.toggle(e.tagName === 'LI' ? 'current' : 'selected', on);
    });
    document.title = p.period + ' · ' + data.title;
    if (updateHash) {
      var h = '#' + encodeURIComponent(p.period);
      if (location.hash !== h) {
        try { history.replaceState(null, '', h); } catch (e) { location.hash = h; }
      }
    }
  }

  function placeTicks() {
    Array.prototype.forEach.call(document.querySelectorAll('#ticks li'), function (li, k) {
      li.style.left = (n > 1 ? k / (n - 1) * 100 : 50) + '%';
    });
  }

  slider.addEventListener('input', function () { select(parseInt(slider.value, 10), true); });
  $('prev').addEventListener('click', function () { select(current - 1, true); });
  $('next').addEventListener('click', function () { select(current + 1, true); });
  $('diagram').addEventListener('click', function () { $('diagram').closest('.period').classList.toggle('enlarged'); });
  document.addEventListener('click', function (e) {
    var t = e.target && e.target.closest ? e.target.closest('[data-period]') : null;
    if (t) select(parseInt(t.getAttribute('data-period'), 10), true);
  });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target === slider) return;
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    var to = e.key === 'ArrowLeft' ? current - 1 : e.key === 'ArrowRight' ? current + 1 : null;
    if (to === null) return;
    e.preventDefault();
    select(to, true);
  });
  window.addEventListener('hashchange', function () {
    var i = fromHash();
    if (i >= 0 && i !== current) select(i, false);
  });
  placeTicks();
  var start = fromHash();
  select(start >= 0 ? start : 0, false);
  document.documentElement.className = 'js';
})();

"""#
}
