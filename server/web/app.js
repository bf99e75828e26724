// ndx-serve's search page.  Plain JavaScript, no library.  The page's whole state lives in
// its URL (?q=...&speaker=...), so a link reproduces a search and the back button works.
// Every text from the index is put in the page as text (textContent), never as markup.
'use strict';

const FACETS = ['speaker', 'location', 'group'];
const LIST_PARAMS = ['speaker', 'location', 'group', 'exclude-speaker', 'exclude-location', 'exclude-group'];
const ONE_PARAMS = ['q', 'from', 'to', 'undated', 'sort', 'offset', 'view', 'article', 'place', 'more', 'interval'];
const PAGE = 10;
const STX = '\u0002', ETX = '\u0003';

const $ = (id) => document.getElementById(id);

// ---- state <-> URL -----------------------------------------------------------------

function readState() {
  const u = new URLSearchParams(location.search);
  const s = {};
  for (const k of ONE_PARAMS) s[k] = u.get(k) || '';
  for (const k of LIST_PARAMS) s[k] = u.getAll(k);
  return s;
}

function stateQuery(s) {
  const u = new URLSearchParams();
  for (const k of ONE_PARAMS) if (s[k]) u.set(k, s[k]);
  for (const k of LIST_PARAMS) for (const v of s[k]) u.append(k, v);
  return u.toString();
}

let state = readState();

function go(changes, opts = {}) {
  const next = Object.assign({}, state, changes);
  if (!('offset' in changes)) next.offset = '';
  if (!('article' in changes)) next.article = '';
  const qs = stateQuery(next);
  state = next;
  history.pushState(null, '', qs ? '?' + qs : location.pathname);
  render(opts);
}

window.addEventListener('popstate', () => { state = readState(); render({}); });

// ---- helpers -------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

// Text with the snippet marks (STX word ETX) as <mark> elements; everything else as text.
function marked(text) {
  const frag = document.createDocumentFragment();
  const parts = String(text || '').split(STX);
  frag.append(parts[0].replaceAll(ETX, ''));
  for (const p of parts.slice(1)) {
    const end = p.indexOf(ETX);
    if (end < 0) { frag.append(p); continue; }
    frag.append(el('mark', null, p.slice(0, end)), p.slice(end + 1).replaceAll(ETX, ''));
  }
  return frag;
}

function apiParams(s, extra) {
  const u = new URLSearchParams();
  if (s.q) u.set('q', s.q);
  for (const k of LIST_PARAMS) for (const v of s[k]) u.append(k, v);
  if (s.from) u.set('from', s.from);
  if (s.to) u.set('to', s.to);
  if (s.undated) u.set('undated', '1');
  if (s.sort) u.set('sort', s.sort);
  if (s.interval) u.set('date-interval', s.interval);
  for (const [k, v] of Object.entries(extra || {})) u.set(k, v);
  return u;
}

let generation = 0;
async function api(path, params) {
  const r = await fetch(path + '?' + params.toString(), { headers: { Accept: 'application/json' } });
  let body;
  try { body = await r.json(); } catch (e) { body = { error: 'the server answered ' + r.status }; }
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function showError(msg) {
  const e = $('error');
  e.hidden = !msg;
  e.textContent = msg || '';
}

function fmtCount(n) { return Number(n).toLocaleString('en'); }

// ---- rendering -----------------------------------------------------------------------

async function render(opts) {
  const my = ++generation;
  $('q').value = state.q;
  $('sort').value = state.sort;
  $('from').value = state.from;
  $('to').value = state.to;
  const quotes = state.view === 'quotes';
  $('mode-articles').setAttribute('aria-pressed', String(!quotes));
  $('mode-quotes').setAttribute('aria-pressed', String(quotes));
  renderChips();
  if (state.article) return renderArticle(my);
  $('article').hidden = true;
  $('hits').hidden = false;
  document.querySelector('.controls').hidden = false;
  const extra = { limit: PAGE, offset: state.offset || 0, highlight: '1',
                  'facet-limit': state.more ? 200 : 10 };
  if (quotes) extra.quotes = '1';
  // the place tree: counted at the level below the place drilled into
  const depth = state.place ? state.place.split('/').length : 0;
  extra['location-level'] = ['country', 'province', 'city', 'city'][Math.min(depth, 3)];
  if (depth > 0) extra['facet-limit'] = 1000;
  let res;
  try {
    res = await api('/api/search', apiParams(state, extra));
  } catch (e) {
    if (my !== generation) return;
    showError(e.message);
    $('hits').replaceChildren();
    $('pager').replaceChildren();
    $('summary').textContent = '';
    settled();
    return;
  }
  if (my !== generation) return;
  showError('');
  document.title = (state.q ? state.q + ' — ' : '') + 'ndx';
  renderSummary(res);
  renderHits(res, quotes);
  renderPager(res);
  renderFacets(res);
  renderHistogram(res);
  if (opts.focusResults) $('results').focus();
  settled();
}

// Marks the page as showing the state in the URL (for people: nothing; for tests: a hook).
function settled() { document.body.dataset.shown = location.search; }

function renderSummary(res) {
  const s = $('summary');
  const what = res.mode === 'quotes' ? 'statements' : 'articles';
  let text;
  if (res.total === 0) text = 'No ' + what + ' match.';
  else {
    const first = res.offset + 1, last = res.offset + res.hits.length;
    text = (res.hits.length ? first + '–' + last + ' of ' : '') + fmtCount(res.total) + ' ' + what +
      (res.total_exact ? '' : ' (about)');
  }
  s.replaceChildren(text);
  for (const n of (res.notes || [])) s.append(el('div', { class: 'notes' }, n));
  for (const n of (res.suggestions || [])) s.append(el('div', { class: 'notes' }, 'Try ' + n));
}

function articleLink(id, title) {
  const next = Object.assign({}, state, { article: id });
  return el('a', { href: '?' + stateQuery(next), onclick: (ev) => {
    if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    ev.preventDefault();
    go({ article: id, offset: state.offset }, { focusResults: true });
  } }, title || id || '(untitled)');
}

function renderHits(res, quotes) {
  const ol = $('hits');
  ol.replaceChildren();
  ol.start = res.offset + 1;
  for (const h of res.hits) {
    const meta = [h.date || 'undated', h.source, h.dateline, h.path].filter(Boolean).join(' · ');
    if (quotes) {
      ol.append(el('li', { class: 'quote' },
        el('blockquote', null, marked(h.statement)),
        el('div', { class: 'meta' },
          el('button', { type: 'button', class: 'who', title: 'Only statements by ' + h.speaker,
                         onclick: () => toggleValue('speaker', h.speaker, false) }, h.speaker),
          ' ' + (h.kind === 'quote' ? 'said' : 'reported') + ' · ' + (h.date || 'undated') + ' · ',
          articleLink(h.article, h.title))));
    } else {
      ol.append(el('li', null, el('h3', null, articleLink(h.id, h.title)),
        el('div', { class: 'meta' }, meta),
        el('p', { class: 'snippet' }, marked(h.snippet))));
    }
  }
}

function renderPager(res) {
  const p = $('pager');
  p.replaceChildren();
  const off = res.offset;
  if (off > 0) p.append(el('button', { type: 'button', onclick: () => go({ offset: String(Math.max(0, off - PAGE)) }, { focusResults: true }) }, '← Previous'));
  if (off + res.hits.length < res.total && off + PAGE <= 10000)
    p.append(el('button', { type: 'button', onclick: () => go({ offset: String(off + PAGE) }, { focusResults: true }) }, 'Next →'));
}

function toggleValue(facet, value, exclude) {
  const inc = state[facet].slice(), exc = state['exclude-' + facet].slice();
  const list = exclude ? exc : inc, other = exclude ? inc : exc;
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1); else list.push(value);
  const j = other.indexOf(value);
  if (j >= 0) other.splice(j, 1);
  go({ [facet]: inc, ['exclude-' + facet]: exc });
}

function renderChips() {
  const c = $('chips');
  c.replaceChildren();
  const chip = (label, not, onremove) => c.append(el('span', { class: 'chip' + (not ? ' not' : '') }, label,
    el('button', { type: 'button', 'aria-label': 'Remove ' + label, onclick: onremove }, '×')));
  for (const f of FACETS) {
    for (const v of state[f]) chip(f + ': ' + v, false, () => toggleValue(f, v, false));
    for (const v of state['exclude-' + f]) chip('not ' + f + ': ' + v, true, () => toggleValue(f, v, true));
  }
  if (state.from || state.to) chip('date: ' + (state.from || '…') + ' – ' + (state.to || '…'), false, () => go({ from: '', to: '' }));
  if (state.undated) chip('undated', false, () => go({ undated: '' }));
}

function facetItem(facet, v) {
  const excluded = state['exclude-' + facet].includes(v.value);
  const selected = v.selected || state[facet].includes(v.value);
  const id = 'f-' + facet + '-' + Math.random().toString(36).slice(2, 9);
  const li = el('li', { class: (selected ? 'selected' : '') + (excluded ? ' excluded' : '') },
    el('input', { type: 'checkbox', id, checked: selected, onchange: () => toggleValue(facet, v.value, false) }),
    el('label', { for: id, title: v.path || v.value }, v.value),
    el('span', { class: 'count' }, v.count === null ? '' : fmtCount(v.count)),
    el('button', { type: 'button', class: 'exclude', 'aria-pressed': String(excluded),
                   title: (excluded ? 'Include again ' : 'Exclude ') + v.value,
                   'aria-label': (excluded ? 'Include again ' : 'Exclude ') + v.value,
                   onclick: () => toggleValue(facet, v.value, true) }, excluded ? '+' : '−'));
  return li;
}

// Values excluded or selected that the counts do not show (they match nothing now).
function missingSelections(facet, values) {
  const shown = new Set(values.map((v) => v.value));
  const out = [];
  for (const v of state[facet]) if (!shown.has(v)) out.push({ value: v, count: null, selected: true });
  for (const v of state['exclude-' + facet]) if (!shown.has(v)) out.push({ value: v, count: null });
  return out;
}

function renderFacets(res) {
  const facets = res.facets || {};
  for (const f of FACETS) {
    const sec = $('facet-' + f);
    const ul = sec.querySelector('ul');
    ul.replaceChildren();
    sec.querySelectorAll('.more').forEach((b) => b.remove());
    let values = facets[f] || [];
    let more = facets[f + '_more'] || 0;
    if (f === 'location') {
      renderCrumbs();
      if (state.place) {
        const prefix = state.place + '/';
        values = values.filter((v) => (v.path || '').startsWith(prefix) &&
                                      !v.path.slice(prefix.length).includes('/'));
        more = 0;
      }
    }
    const limit = state.more === f ? 200 : 10;
    if (values.length > limit) { more += values.length - limit; values = values.slice(0, limit); }
    for (const v of values.concat(missingSelections(f, values))) {
      const li = facetItem(f, v);
      if (f === 'location' && v.path && v.path.split('/').length < 3 && v.kind !== 'city')
        li.append(el('button', { type: 'button', class: 'drill', title: 'Places in ' + v.value,
                                 'aria-label': 'Places in ' + v.value,
                                 onclick: () => go({ place: v.path }) }, '›'));
      ul.append(li);
    }
    if (!values.length) ul.append(el('li', { class: 'muted' }, 'none'));
    if (more > 0 && state.more !== f)
      sec.append(el('button', { type: 'button', class: 'more', onclick: () => go({ more: f }) }, '+ ' + fmtCount(more) + ' more'));
    else if (state.more === f)
      sec.append(el('button', { type: 'button', class: 'more', onclick: () => go({ more: '' }) }, 'fewer'));
  }
}

function renderCrumbs() {
  const nav = document.querySelector('#facet-location .crumbs');
  nav.replaceChildren();
  nav.append(state.place ? el('button', { type: 'button', onclick: () => go({ place: '' }) }, 'All countries') : 'Countries');
  if (!state.place) return;
  const parts = state.place.split('/');
  parts.forEach((p, i) => {
    nav.append(' › ');
    const path = parts.slice(0, i + 1).join('/');
    nav.append(i === parts.length - 1 ? el('strong', null, p)
                                      : el('button', { type: 'button', onclick: () => go({ place: path }) }, p));
  });
}

// ---- date histogram: a click sets one bucket, a drag a range ---------------------------

function bucketEnd(label) { return label; }  // "2023", "2023-10", "2023-10-03" are inclusive bounds

function renderHistogram(res) {
  const box = $('histogram');
  box.replaceChildren();
  const facets = res.facets || {};
  const buckets = facets.date || [];
  const extra = $('date-extra');
  extra.replaceChildren();
  if (facets.undated) extra.append(el('button', { type: 'button', class: 'more', onclick: () => go({ undated: state.undated ? '' : '1', from: '', to: '' }) },
    (state.undated ? 'Dated and undated' : fmtCount(facets.undated) + ' undated')));
  if (facets.date_interval) {
    const sel = el('select', { 'aria-label': 'Histogram interval', onchange: (e) => go({ interval: e.target.value }) },
      ...[['', 'auto'], ['year', 'by year'], ['month', 'by month'], ['day', 'by day']].map(([v, t]) =>
        el('option', { value: v, selected: state.interval === v }, t)));
    extra.append(' ', sel);
  }
  if (!buckets.length) { box.append(el('div', { class: 'muted' }, 'no dates')); return; }
  const NS = 'http://www.w3.org/2000/svg';
  const W = 280, H = 90, top = 4, bottom = 16;
  const max = Math.max(...buckets.map((b) => b.count));
  const bw = W / buckets.length;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', 'Articles by ' + (facets.date_interval || 'date') + '; click or drag to set the range');
  const inRange = (label) => (!state.from || label >= state.from.slice(0, label.length)) &&
                             (!state.to || label <= state.to.slice(0, label.length));
  const bars = [];
  buckets.forEach((b, i) => {
    const h = Math.max(1, (H - top - bottom) * b.count / max);
    const r = document.createElementNS(NS, 'rect');
    r.setAttribute('x', String(i * bw + (bw > 3 ? 0.5 : 0)));
    r.setAttribute('width', String(Math.max(0.5, bw - (bw > 3 ? 1 : 0))));
    r.setAttribute('y', String(H - bottom - h));
    r.setAttribute('height', String(h));
    r.setAttribute('class', 'bar' + ((state.from || state.to) && inRange(b.value) ? ' sel' : ''));
    r.setAttribute('tabindex', i === 0 ? '0' : '-1');
    r.setAttribute('role', 'button');
    r.setAttribute('aria-label', b.value + ': ' + b.count);
    r.dataset.i = String(i);
    const t = document.createElementNS(NS, 'title');
    t.textContent = b.value + ': ' + fmtCount(b.count);
    r.append(t);
    r.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); go({ from: b.value, to: bucketEnd(b.value), undated: '' }); }
      const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (step && bars[i + step]) { ev.preventDefault(); bars[i + step].focus(); }
    });
    bars.push(r);
    svg.append(r);
  });
  const ends = buckets.length > 1 ? [[0, 'start'], [buckets.length - 1, 'end']] : [[0, 'start']];
  for (const [i, anchor] of ends) {
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', anchor === 'start' ? '0' : String(W));
    t.setAttribute('y', String(H - 3));
    t.setAttribute('text-anchor', anchor);
    t.setAttribute('class', 'axis');
    t.textContent = buckets[i].value;
    svg.append(t);
  }
  // drag: from the bar pressed to the bar released (either direction)
  let start = null;
  const barAt = (ev) => {
    const rect = svg.getBoundingClientRect();
    const i = Math.floor((ev.clientX - rect.left) / rect.width * buckets.length);
    return Math.min(buckets.length - 1, Math.max(0, i));
  };
  const paint = (a, b) => bars.forEach((r, i) => r.classList.toggle('sel', i >= Math.min(a, b) && i <= Math.max(a, b)));
  svg.addEventListener('pointerdown', (ev) => { start = barAt(ev); svg.setPointerCapture(ev.pointerId); paint(start, start); ev.preventDefault(); });
  svg.addEventListener('pointermove', (ev) => { if (start !== null) paint(start, barAt(ev)); });
  svg.addEventListener('pointerup', (ev) => {
    if (start === null) return;
    const end = barAt(ev);
    const a = Math.min(start, end), b = Math.max(start, end);
    start = null;
    go({ from: buckets[a].value, to: bucketEnd(buckets[b].value), undated: '' });
  });
  box.append(svg);
}

// ---- article view ----------------------------------------------------------------------

async function renderArticle(my) {
  const box = $('article');
  $('hits').hidden = true;
  document.querySelector('.controls').hidden = true;
  $('pager').replaceChildren();
  let a;
  try {
    a = await api('/api/article', new URLSearchParams({ id: state.article }));
  } catch (e) {
    if (my !== generation) return;
    showError(e.message);
    box.hidden = true;
    settled();
    return;
  }
  if (my !== generation) return;
  showError('');
  $('summary').replaceChildren(el('button', { type: 'button', onclick: () => history.back() }, '← Back to results'));
  document.title = (a.title || a.id) + ' — ndx';
  const meta = [a.date || 'undated', a.byline, a.dateline, a.source, a.path].filter(Boolean).join(' · ');
  const chars = Array.from(a.text || '');
  // every evidence span, numbered by value
  const values = [];
  const spans = [];
  for (const f of FACETS) for (const v of (a.facets[f] || [])) {
    const n = values.length;
    values.push({ facet: f, value: v.value, path: v.path, count: 0 });
    for (const e of v.evidence) if (typeof e.start === 'number') { spans.push({ s: e.start, e: e.start + e.length, n, f }); values[n].count++; }
  }
  const bounds = new Set([0, chars.length]);
  for (const s of spans) { bounds.add(s.s); bounds.add(s.e); }
  const cuts = [...bounds].filter((x) => x >= 0 && x <= chars.length).sort((x, y) => x - y);
  const body = el('div', { class: 'body' });
  let para = el('p');
  const push = (node) => para.append(node);
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k], to = cuts[k + 1];
    const covering = spans.filter((s) => s.s <= from && s.e >= to);
    const pieces = chars.slice(from, to).join('').split(/\n+/);
    pieces.forEach((piece, pi) => {
      if (pi > 0 && para.childNodes.length) { body.append(para); para = el('p'); }
      if (!piece) return;
      if (!covering.length) { push(piece); return; }
      const m = el('mark', { class: 'ev ' + [...new Set(covering.map((c) => c.f))].join(' ') }, piece);
      m.dataset.values = ' ' + covering.map((c) => c.n).join(' ') + ' ';
      push(m);
    });
  }
  if (para.childNodes.length) body.append(para);
  const chooser = el('div', { class: 'evidence-values', role: 'group', 'aria-label': 'Facet values; choose one to highlight its evidence' });
  values.forEach((v, n) => {
    chooser.append(el('button', { type: 'button', class: v.facet, 'aria-pressed': 'false', title: v.facet + (v.path ? ': ' + v.path : ''),
      onclick: (ev) => {
        const on = ev.currentTarget.getAttribute('aria-pressed') !== 'true';
        chooser.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', 'false'));
        ev.currentTarget.setAttribute('aria-pressed', String(on));
        let first = null;
        body.querySelectorAll('mark.ev').forEach((m) => {
          const hit = on && m.dataset.values.includes(' ' + n + ' ');
          m.classList.toggle('active', hit);
          if (hit && !first) first = m;
        });
        if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
      } }, v.value + (v.count ? '' : ' (dateline)')));
  });
  const statements = el('ul', { class: 'statements' });
  for (const s of (a.statements || []))
    statements.append(el('li', null, el('strong', null, s.speaker), ' (' + s.kind + '): “', s.statement, '”'));
  const parts = [el('h1', null, a.title || a.id), el('div', { class: 'meta' }, meta)];
  // only web links: an article's url field could hold javascript: or data:
  if (a.url && /^https?:\/\//i.test(a.url))
    parts.push(el('div', { class: 'meta' }, el('a', { href: a.url, rel: 'noreferrer noopener', target: '_blank' }, a.url)));
  parts.push(chooser, body);
  if ((a.statements || []).length) parts.push(el('section', null, el('h2', null, 'Who said what'), statements));
  box.replaceChildren(...parts);
  box.hidden = false;
  settled();
}

// ---- search box with facet-value suggestions -------------------------------------------

let suggestTimer = null, suggestions = [], active = -1;

function closeSuggest() {
  const ul = $('suggest');
  ul.hidden = true;
  ul.replaceChildren();
  suggestions = [];
  active = -1;
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
}

function paintActive() {
  $('suggest').querySelectorAll('li').forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
  if (active >= 0) $('q').setAttribute('aria-activedescendant', 'sug-' + active);
  else $('q').removeAttribute('aria-activedescendant');
}

function pick(i) {
  const s = suggestions[i];
  if (!s) return;
  closeSuggest();
  const list = state[s.facet].includes(s.value) ? state[s.facet] : state[s.facet].concat([s.value]);
  $('q').value = '';
  go({ q: '', [s.facet]: list }, { focusResults: false });
}

async function suggest() {
  const text = $('q').value.trim();
  if (text.length < 2) { closeSuggest(); return; }
  let res;
  try {
    res = await api('/api/facets', new URLSearchParams({ prefix: text, 'facet-limit': '4' }));
  } catch (e) { closeSuggest(); return; }
  if ($('q').value.trim() !== text) return;
  suggestions = [];
  for (const f of FACETS) for (const v of (res.facets[f] || [])) suggestions.push({ facet: f, value: v.value, count: v.count, path: v.path });
  const ul = $('suggest');
  ul.replaceChildren();
  if (!suggestions.length) { closeSuggest(); return; }
  suggestions.forEach((s, i) => ul.append(el('li', { id: 'sug-' + i, role: 'option', 'aria-selected': 'false',
      onmousedown: (ev) => { ev.preventDefault(); pick(i); } },
    el('span', { class: 'kind' }, s.facet), el('span', { title: s.path || s.value }, s.value), el('span', { class: 'count' }, fmtCount(s.count)))));
  ul.hidden = false;
  active = -1;
  $('q').setAttribute('aria-expanded', 'true');
}

// ---- wiring -----------------------------------------------------------------------------

function init() {
  $('search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (active >= 0) { pick(active); return; }
    closeSuggest();
    go({ q: $('q').value.trim() }, { focusResults: false });
  });
  $('q').addEventListener('input', () => { clearTimeout(suggestTimer); suggestTimer = setTimeout(suggest, 120); });
  $('q').addEventListener('keydown', (ev) => {
    if ($('suggest').hidden) return;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); active = (active + 1) % suggestions.length; paintActive(); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); active = active <= 0 ? suggestions.length - 1 : active - 1; paintActive(); }
    else if (ev.key === 'Escape') { closeSuggest(); }
  });
  $('q').addEventListener('blur', () => setTimeout(closeSuggest, 100));
  $('mode-articles').addEventListener('click', () => go({ view: '' }));
  $('mode-quotes').addEventListener('click', () => go({ view: 'quotes' }));
  $('sort').addEventListener('change', (ev) => go({ sort: ev.target.value }));
  $('dates-apply').addEventListener('click', () => go({ from: $('from').value.trim(), to: $('to').value.trim(), undated: '' }));
  for (const id of ['from', 'to'])
    $(id).addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); $('dates-apply').click(); } });
  $('dates-clear').addEventListener('click', () => go({ from: '', to: '', undated: '' }));
  $('home').addEventListener('click', (ev) => { ev.preventDefault(); go(Object.fromEntries(ONE_PARAMS.map((k) => [k, ''])
    .concat(LIST_PARAMS.map((k) => [k, []])))); });
  $('toggle-filters').addEventListener('click', (ev) => {
    const open = $('sidebar').classList.toggle('open');
    ev.currentTarget.setAttribute('aria-expanded', String(open));
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === '/' && document.activeElement !== $('q') && !/INPUT|SELECT|TEXTAREA/.test(document.activeElement.tagName)) {
      ev.preventDefault();
      $('q').focus();
    }
  });
  render({});
}

document.addEventListener('DOMContentLoaded', init);
