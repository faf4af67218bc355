#!/usr/bin/env python3
"""Independent check of the backtest's reference scores (no code shared with the C# side).

Reads ICB v15 crisis- and actor-level CSVs (and the ICB dyadic file for sides), splits at 2000 (training: yrtrig < 2000;
validation: 2000..2019), and prints, per target, the Brier score and the Brier skill score against climatology (the
training base rate) of the one-rule forecast on timvio and the logistic regression on the same trigger-time features
as ReferenceForecasts.LogisticFeatures, fitted by Newton/IRLS written here. Also prints a percentile bootstrap 95%
interval of the one-rule skill (2000 resamples, Python's random with seed 1: a different stream from the C# side, so
only the point values must agree exactly).

Usage: reference_scores.py ICB_DIR  -> one line per (target, forecast): target forecast brier skill [lo hi]
Nuclear-armed sides are not needed: the 'both sides nuclear' feature is computed here from the first-test dates
copied (with their dates only) from src/Entangle.Application/Backtest/nuclear-first-tests.csv.
"""
import csv, math, os, random, sys
from collections import defaultdict, deque

d = sys.argv[1]
def rows(name):
    with open(os.path.join(d, name), encoding='utf-8-sig') as f:
        return list(csv.DictReader(f))
def I(r, k):
    v = r[k].strip()
    return int(v) if v not in ('', '.') else None

crises = sorted(rows('icb1v15.csv'), key=lambda r: I(r, 'crisno'))
actors = defaultdict(list)
for a in rows('icb2v15.csv'):
    actors[I(a, 'crisno')].append(a)
dyads = defaultdict(list)
for y in rows('icbdy_v15.csv'):
    dyads[I(y, 'crisno')].append((I(y, 'statea'), I(y, 'stateb')))
tests = {2: (1945, 7, 16), 365: (1949, 8, 29), 200: (1952, 10, 3), 220: (1960, 2, 13), 710: (1964, 10, 16),
         750: (1974, 5, 18), 770: (1998, 5, 28), 731: (2006, 10, 9)}
majors = None  # great-power status from COW's major-power list (states2016 majors2016.csv), given as a second argument
if len(sys.argv) > 2:
    majors = [(I(r, 'ccode'), I(r, 'styear'), I(r, 'endyear')) for r in csv.DictReader(open(sys.argv[2], encoding='utf-8-sig'))]

seen = set()
data = []
for c in crises:
    no = I(c, 'crisno'); y, m, dd = I(c, 'yrtrig'), I(c, 'motrig') or 1, I(c, 'datrig') or 1
    if dd > 31: dd = 1
    trig = (y, m, dd)
    cas = []
    for a in sorted(actors[no], key=lambda a: I(a, 'cracno')):
        if I(a, 'cracid') not in cas: cas.append(I(a, 'cracid'))
    adj = defaultdict(set)
    for a, b in dyads[no]:
        if a != b: adj[a].add(b); adj[b].add(a)
    side = {}
    for s in cas:
        if s in side: continue
        side[s] = 'A'; q = deque([s])
        while q:
            x = q.popleft()
            for z in sorted(adj[x]):
                if z not in side: side[z] = 'B' if side[x] == 'A' else 'A'; q.append(z)
    if 'B' not in side.values():
        te = next((I(a, 'trigent') for a in actors[no] if I(a, 'trigent') and 0 < I(a, 'trigent') < 990 and I(a, 'trigent') not in side), None)
        if te is not None: side[te] = 'B'
    nuc = lambda s: s in tests and tests[s] < trig
    bothnuc = any(nuc(s) for s, v in side.items() if v == 'A') and any(nuc(s) for s, v in side.items() if v == 'B')
    yy_ = min(y, max(e for _, _, e in majors)) if majors else y
    gp = majors is not None and any(any(cc == s and a0 <= yy_ <= a1 for cc, a0, a1 in majors) for s in side)
    pc = I(c, 'pcid')
    earlier = pc is not None and pc > 0 and pc in seen
    if pc is not None and pc > 0: seen.add(pc)
    prot = earlier and I(c, 'protrac') in (2, 3)
    t = I(c, 'timvio')
    x = [1.0, float(t == 2), float(t == 3), float(t == 4), float(I(c, 'break') == 9), float(prot), float(bothnuc), float(gp)]
    us, su = I(c, 'usinv'), I(c, 'suinv')
    viol, br = I(c, 'viol'), I(c, 'brexit')
    ys = {'viol3': float(viol >= 3), 'viol4': float(viol == 4), 'long': None if br is None else float(br > 182), 'intervention': float(us == 4 or su == 4)}
    data.append((y, t, x, ys))

def fit(X, Y, it=50, ridge=1e-6):
    k = len(X[0]); w = [0.0] * k
    for _ in range(it):
        H = [[0.0] * k for _ in range(k)]; g = [0.0] * k
        for x, yy in zip(X, Y):
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x)))); v = p * (1 - p)
            for i in range(k):
                g[i] += (yy - p) * x[i]
                for j in range(k): H[i][j] += v * x[i] * x[j]
        for i in range(k): H[i][i] += ridge; g[i] -= ridge * w[i]
        M = [H[i][:] + [g[i]] for i in range(k)]
        for c in range(k):
            p = max(range(c, k), key=lambda i: abs(M[i][c])); M[c], M[p] = M[p], M[c]
            for i in range(k):
                if i != c and M[c][c] != 0:
                    f = M[i][c] / M[c][c]
                    for j in range(c, k + 1): M[i][j] -= f * M[c][j]
        dlt = [M[i][k] / M[i][i] if M[i][i] != 0 else 0 for i in range(k)]
        w = [a + b for a, b in zip(w, dlt)]
        if max(abs(v) for v in dlt) < 1e-10: break
    return w

brier = lambda p, y: sum((a - b) ** 2 for a, b in zip(p, y)) / len(y)
for target in ('viol3', 'viol4', 'long', 'intervention'):
    tr = [r for r in data if r[0] < 2000 and r[3][target] is not None]
    va = [r for r in data if 2000 <= r[0] <= 2019 and r[3][target] is not None]
    yt = [r[3][target] for r in tr]; yv = [r[3][target] for r in va]
    base = sum(yt) / len(yt)
    clim = [base] * len(yv)
    cells = defaultdict(list)
    for r, yy in zip(tr, yt): cells[r[1]].append(yy)
    rule = [sum(cells[r[1]]) / len(cells[r[1]]) if cells[r[1]] else base for r in va]
    w = fit([r[2] for r in tr], yt)
    logi = [1 / (1 + math.exp(-sum(a * b for a, b in zip(w, r[2])))) for r in va]
    bc = brier(clim, yv)
    rnd = random.Random(1)
    boots = []
    n = len(yv)
    for _ in range(2000):
        idx = [rnd.randrange(n) for _ in range(n)]
        sc = sum((clim[i] - yv[i]) ** 2 for i in idx)
        if sc > 0: boots.append(1 - sum((rule[i] - yv[i]) ** 2 for i in idx) / sc)
    boots.sort()
    q = lambda s, p: s[int(math.floor(p * (len(s) - 1)))] + (p * (len(s) - 1) - math.floor(p * (len(s) - 1))) * (s[min(len(s) - 1, int(math.floor(p * (len(s) - 1))) + 1)] - s[int(math.floor(p * (len(s) - 1)))])
    print(f"{target} climatology {bc:.6f} 0.000000")
    print(f"{target} one-rule {brier(rule, yv):.6f} {1 - brier(rule, yv) / bc:.6f} {q(boots, 0.025):.6f} {q(boots, 0.975):.6f}")
    print(f"{target} logistic {brier(logi, yv):.6f} {1 - brier(logi, yv) / bc:.6f}")
    print(f"{target} counts {len(tr)} {len(va)} {int(sum(yv))} {base:.6f}")
