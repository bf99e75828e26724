#!/usr/bin/env python3
"""Sort the extractor's location or group errors on a CoNLL file by cause.

usage: tagger_errors.py CONLL PRED DUMP [location|group] [-v] [--title]

CONLL: the CoNLL-2003 file the articles came from (through conll-articles);
PRED:  `ndx-train-tagger --model MODEL --dev CONLL --predict PRED` (the tagger's own tags);
DUMP:  `ndx-index --dump ARTICLES` of those articles.

Each missed gold name is put down to the tagger (never found the span, typed it as another
type) or to the extractor (the tagger was right but the value was dropped or went to the other
facet), or to canonical naming (a value with another name found in the same sentences:
"United States" for "U.S."). Each false value is listed with the gold type of its words, the
tagger's type and what found it. -v lists the names of each bucket; --title counts the misses
whose name stands only in the headline. The scorer counts each surface form as its own entity:
the "alias-aware" figure says how many misses are canonical names.
"""
import json, sys, collections, re
conll, predf, dumpf = sys.argv[1:4]
facet = sys.argv[4] if len(sys.argv) > 4 and not sys.argv[4].startswith('-') else 'location'
verbose = '-v' in sys.argv
want = {'location': 'LOC', 'group': 'ORG'}[facet]
import unicodedata
def norm(s): return ''.join(c for c in unicodedata.normalize('NFKD', str(s)).casefold() if c.isalnum())
NS = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "n't", "%", "'"}
def detok(ts):
    out = ''
    for i, t in enumerate(ts):
        if i and t not in NS and ts[i-1] not in {"(", "[", "{", "$"}: out += ' '
        out += t
    return out
# docs: list of list of sentences (tokens, gold tags)
docs, doc, sent = [], [], []
for line in open(conll):
    line = line.rstrip('\n')
    if line.startswith('-DOCSTART-'):
        if sent: doc.append(sent)
        if doc: docs.append(doc)
        doc, sent = [], []
    elif not line.strip():
        if sent: doc.append(sent)
        sent = []
    else:
        p = line.split(' '); sent.append((p[0], p[-1]))
if sent: doc.append(sent)
if doc: docs.append(doc)
preds, cur = [], []
for line in open(predf):
    line = line.rstrip('\n')
    if not line:
        if cur: preds.append(cur); cur = []
    else: cur.append(line.split(' ')[2])
if cur: preds.append(cur)
def spans(tags, iob1):
    out, prev = [], 'O'
    res = []; start = None; typ = None
    for i, t in enumerate(tags + ['O']):
        ty = t[2:] if t != 'O' else None
        begin = t.startswith('B-') or (ty and ty != typ)
        if start is not None and (ty is None or begin):
            res.append((start, i, typ)); start = None; typ = None
        if ty and start is None: start, typ = i, ty
    return res
k = 0
gold, tagged = [], []
for d in docs:
    g = collections.defaultdict(set); tg = collections.defaultdict(set)
    for s in d:
        toks = [t for t, _ in s]
        for a, b, ty in spans([t for _, t in s], True): g[ty].add(norm(detok(toks[a:b])))
        for a, b, ty in spans(preds[k], False): tg[ty].add(norm(detok(toks[a:b])))
        k += 1
    gold.append(g); tagged.append(tg)
assert k == len(preds), (k, len(preds))
dump = {}
for line in open(dumpf):
    o = json.loads(line); dump[int(re.search(r'(\d+)\.json', o['path']).group(1))] = o
miss_b = collections.Counter(); fp_b = collections.Counter(); ex = collections.defaultdict(list)
hits = alias_hits = 0
for n, d in enumerate(docs):
    o = dump[n]; g = gold[n]; tg = tagged[n]
    vals = o.get(facet) or []
    ev = {e['value']: e for e in o['evidence'].get(facet, [])}
    other = 'group' if facet == 'location' else 'location'
    othervals = {norm(v) for v in (o.get(other) or [])}
    vset = {norm(v) for v in vals}
    # gold forms in order of conll-articles (dedup)
    gforms = g[want]
    missed = [x for x in gforms if x not in vset]
    fps = [v for v in vals if norm(v) not in gforms]
    hits += len(gforms) - len(missed)
    used_alias = set()
    for m in missed:
        # alias: a false positive whose evidence contains the missed form
        al = [v for v in fps if v in ev and any(m in norm(t) for t in ev[v]['evidence']) and norm(v) not in used_alias]
        if m in tg[want] and al:
            b = 'canonical naming (alias)'; used_alias.add(norm(al[0])); alias_hits += 1
        elif m in tg[want] and m in othervals: b = 'tagger right, pipeline gave the other facet'
        elif m in tg[want]: b = 'tagger right, pipeline dropped'
        elif any(m in tg[t] for t in ('PER','ORG','LOC','MISC')):
            t = [t for t in ('PER','ORG','LOC','MISC') if m in tg[t]][0]
            b = f'tagger typed {t}' + (' (pipeline other facet)' if m in othervals else '')
        else: b = 'tagger never found (span)' + (' (pipeline other facet)' if m in othervals else '')
        miss_b[b] += 1; ex['M '+b].append((n, m))
    for v in fps:
        nv = norm(v)
        fb = ','.join(ev[v]['found_by']) if v in ev else '?'
        if nv in used_alias: b = 'canonical naming (alias)'
        else:
            gt = [t for t in ('PER','ORG','LOC','MISC') if nv in g[t]]
            tt = [t for t in ('PER','ORG','LOC','MISC') if nv in tg[t]]
            b = f'gold {gt[0] if gt else "none"} / tagger {tt[0] if tt else "none"} / by {fb}'
        fp_b[b] += 1; ex['F '+b].append((n, v))
print(f'{facet}: hits {hits}, alias-aware extra hits {alias_hits}')
print('MISSES'); [print(f'  {c:4d} {b}') for b, c in miss_b.most_common()]
print('FALSE POSITIVES'); [print(f'  {c:4d} {b}') for b, c in fp_b.most_common()]
if verbose:
    for b, l in sorted(ex.items()): print(b, l)
# how many misses appear only in the title
if '--title' in sys.argv:
    cnt = collections.Counter()
    for key, l in ex.items():
        if not key.startswith('M '): continue
        for n, m in l:
            d = docs[n]
            def has(sents):
                for s in sents:
                    ws = [w for w, _ in s]
                    for a in range(len(ws)):
                        for b in range(a+1, min(len(ws), a+8)+1):
                            if norm(detok(ws[a:b])) == m: return True
                return False
            if has(d[:1]) and not has(d[1:]): cnt['title only'] += 1
            else: cnt['body'] += 1
    print('misses by place:', dict(cnt))
