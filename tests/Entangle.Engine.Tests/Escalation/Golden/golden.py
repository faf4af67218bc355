#!/usr/bin/env python3
"""Golden run (issue 9): the escalation engine's dynamics for golden.yaml, written again from docs/model.md and the
engine's documented rules, sharing no code with it. GoldenRunTests.cs runs the engine and this script with the same
runs, seed and replicates and asserts that every count printed here is exactly the engine's.

    python3 golden.py [--runs 2000] [--seed 7] [--replicates 10]   # prints JSON {key: count}

Standard library only. The scenario is golden.yaml written as Python data below (no YAML reader): change both.
Order matters wherever floating point or random draws are involved: actors in ISO3 order, theaters in id order,
each random number from a stream named after what it decides, reseeded per run.
"""
import argparse
import datetime
import json
import math

MASK = (1 << 64) - 1

# ---------------------------------------------------------------- random numbers: SplitMix64, xoshiro256**, FNV-1a


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def fnv1a(text):
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & MASK
    return h


def derive(parent, *keys):
    """Seed.Derive: hash a parent seed with each key in turn (a label is hashed with FNV-1a first)."""
    for key in keys:
        index = fnv1a(key) if isinstance(key, str) else key
        parent = mix64((mix64(parent ^ 0x243F6A8885A308D3) + ((index + 1) & MASK) * 0x9E3779B97F4A7C15) & MASK)
    return parent


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Stream:
    """xoshiro256** whose four state words are the first four SplitMix64 outputs of the seed."""

    def __init__(self, seed):
        self.s = []
        for _ in range(4):
            seed = (seed + 0x9E3779B97F4A7C15) & MASK
            self.s.append(mix64(seed))

    def u64(self):
        s0, s1, s2, s3 = self.s
        out = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        self.s = [s0, s1, s2, rotl(s3, 45)]
        return out

    def uniform(self):
        return (self.u64() >> 11) * (1.0 / (1 << 53))


def exp(x):
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def round_away(x):
    """Rounding half away from zero (C#'s MidpointRounding.AwayFromZero), not Python's banker's round()."""
    r = math.floor(abs(x))
    if abs(x) - r >= 0.5:
        r += 1
    return r if x >= 0 else -r


# ---------------------------------------------------------------- the ladder (ladder.json) and the catalog's defaults

COST = [0.0, 0.05, 0.12, 0.25, 0.5, 1.0, 1.4, 3.0, 6.0, 12.0]
GAIN = [0.0, 0.15, 0.3, 0.45, 0.6, 0.8, 0.9, 1.0, 1.05, 1.1]
RISK = [0.0, 0.0, 0.0005, 0.001, 0.003, 0.01, 0.05, 0.25, 0.6, 1.0]
TRADE = [0.0, 0.5, 0.6, 0.7, 0.85, 1.0, 1.0, 1.0, 1.0, 1.0]
THRESHOLDS = [(2, 0.1), (5, 0.5), (7, 2.0), (8, 3.0), (9, 5.0)]  # (level just above it, premium), bottom first
WAR, SIGNAL, USE, TOP = 5, 6, 7, 9

GLOBALS = dict(accident=0.01, loss_of_control=0.5, move_cost=0.05, stability_instability=0.3, contest_exponent=1.0,
               stickiness=0.3, security_dilemma=0.5, trade_weight=2.0, alliance_sensitivity=2.0,
               intervention_pressure_decay=0.7, channel_damping=1.0, strength_conditional=0.6, reading_factor=0.5,
               credibility_bound=0.001, force_floor=0.05, crisis_floor=2, settlement_rate=0.03,
               settlement_escalation_decay=0.5, freeze_steps=6)
ACTOR_DEFAULTS = dict(resolve=1.0, cost_sensitivity=1.0, **{"lambda": 30.0}, audience_cost=0.3, catastrophe_aversion=20.0,
                      inertia=0.8, threat_response=1.0, abandonment_cost=0.5, entry_cost=1.0, intervention_bias=-1.0)

# ---------------------------------------------------------------- the scenario (golden.yaml)

ACTORS = ["AAA", "BBB", "CCC", "DDD"]
THEATERS = ["north", "south"]
NUCLEAR = {"AAA", "BBB"}                                          # warheads_total > 0
MILEX_BN = {"AAA": 400.0, "BBB": 150.0, "CCC": 40.0, "DDD": 60.0}   # forces default to milex_usd / 1e9
START = datetime.date(2030, 1, 1)
STEPS = 6
CRISIS_LEVEL = 4
PRINCIPALS = {("AAA", "north"): 0, ("BBB", "north"): 1, ("CCC", "south"): 0, ("DDD", "south"): 1}  # -> side
SUPPORTERS = {("AAA", "south"): (0, 0.3, True)}                   # -> (side, help, may intervene)
DEPLOYMENTS = {"AAA": {"north": 0.5, "south": 0.3}}
STAKES = {("AAA", "north"): 1.0, ("BBB", "north"): 3.0, ("AAA", "south"): 0.6, ("CCC", "south"): 1.0, ("DDD", "south"): 5.0}
TRADE_DEP = {frozenset(("CCC", "DDD")): 0.1}
CHANNEL = {frozenset(("AAA", "BBB")): 0.2}
PARAMS = {"global.accident": ("uniform", 0.01, 0.05), "global.settlement_rate": 0.08, "global.freeze_steps": 3, "global.crisis_floor": 3,
          "actor.BBB.resolve": ("uniform", 1.1, 1.8), "actor.BBB.cost_sensitivity": 0.6,
          "actor.AAA.resolve": 1.1, "actor.AAA.threat_response": 2.0, "actor.AAA.inertia": 0.7,
          "actor.AAA.entry_cost": 0.3, "actor.AAA.intervention_bias": 0.2,
          "actor.CCC.resolve": 1.3, "actor.DDD.resolve": 1.5, "actor.DDD.cost_sensitivity": 0.45,
          "theater.north.start_level": 3, "theater.south.start_level": 2}
for _a in ACTORS:
    PARAMS[f"actor.{_a}.lambda"] = 8.0
TREATY, ARTICLE, PARTIES, CREDIBILITY = "ac-pact", "1", ["AAA", "CCC"], 0.7   # conditional; armed attack + state of war
TRIGGER = WAR
# events in id order: (id, author, probability, effects)
EVENTS = [("borduria-test", "BBB", 0.12, [("tension", "north", 1.5), ("resolve", "AAA", 0.2)]),
          ("drusselstein-raid", "DDD", 0.15, [("level", "south", 4), ("intervention_pressure", "south", 0.8)])]


def role0(a, t):
    return 1 if (a, t) in PRINCIPALS else 2 if (a, t) in SUPPORTERS else 0


def side0(a, t):
    return PRINCIPALS[(a, t)] if (a, t) in PRINCIPALS else SUPPORTERS[(a, t)][0] if (a, t) in SUPPORTERS else 0


def obligation_rows():
    """(ally, partner, theater), sorted by theater, ally, partner: a party with a role in a theater whose other side has
    principals is covered by the clause (it has no geographic limit); every other party is its ally there."""
    rows = []
    for t in THEATERS:
        for p in PARTIES:
            if role0(p, t) and any(role0(b, t) == 1 and side0(b, t) != side0(p, t) for b in ACTORS):
                rows += [(x, p, t) for x in PARTIES if x != p]
    return sorted(rows, key=lambda r: (r[2], r[0], r[1]))


ROWS = obligation_rows()


def draw_parameters(seed, draw):
    """Ensemble.Draw: a distribution's value comes from a stream keyed by its path."""
    p = {f"global.{k}": v for k, v in GLOBALS.items()}
    for a in ACTORS:
        p.update({f"actor.{a}.{k}": v for k, v in ACTOR_DEFAULTS.items()})
        p[f"actor.{a}.forces"] = MILEX_BN[a]
    draw_seed = derive(seed, "params", draw)
    for path, spec in PARAMS.items():
        if isinstance(spec, tuple):
            lo, hi = spec[1], spec[2]
            spec = lo + (hi - lo) * Stream(derive(draw_seed, path)).uniform()
        p[path] = spec
    return p


def _between(lo, hi):
    lo, hi = min(lo, hi), max(lo, hi)
    return sum(1 << i for i, (above, _) in enumerate(THRESHOLDS) if lo < above <= hi)


BETWEEN = [[_between(lo, hi) for hi in range(TOP + 1)] for lo in range(TOP + 1)]


def between(lo, hi):
    """The thresholds (bit i for THRESHOLDS[i]) between two levels, either way."""
    return BETWEEN[lo][hi]


def premiums(mask):
    return sum((prem for i, (_, prem) in enumerate(THRESHOLDS) if mask >> i & 1), 0.0)


DELTAS = [-1, 0, 1, 2]


def logit(u, avail, lam):
    top = max(x for x, ok in zip(u, avail) if ok)
    e = [exp(lam * (x - top)) if ok else 0.0 for x, ok in zip(u, avail)]
    z = 0.0
    for x in e:
        z += x
    return [x / z for x in e]


def pick(p, avail, u):
    c, last = 0.0, -1
    for k in range(len(p)):
        if avail[k]:
            last = k
            c += p[k]
            if u < c:
                return k
    return last


# ---------------------------------------------------------------- one run


class Run:
    def __init__(self, p, dyn_seed):
        self.p, self.seed, self.streams = p, dyn_seed, {}
        self.step = 0
        self.role = {(a, t): role0(a, t) for a in ACTORS for t in THEATERS}
        self.side = {(a, t): side0(a, t) for a in ACTORS for t in THEATERS}
        self.posture = {(a, t): 0 for a in ACTORS for t in THEATERS}
        self.rose, self.rose_next = set(), set()
        self.carry = {k: 0.0 for k in self.posture}
        self.resolve_add = {a: 0.0 for a in ACTORS}
        self.forces_add = {a: 0.0 for a in ACTORS}
        self.ip = {t: 0.0 for t in THEATERS}
        self.premium = {a: 0.0 for a in ACTORS}
        self.decided, self.triggered, self.honoured = set(), set(), set()
        self.intervened, self.fired = set(), set()
        self.first_war = self.two_crisis = self.two_nuclear = -1
        floor = self.floor()
        self.level, self.start, self.crossed, self.at_war = {}, {}, {}, {}
        self.in_crisis, self.crisis_start, self.ended, self.end_step, self.still = {}, {}, {}, {}, {}
        for t in THEATERS:
            l = min(max(round_away(p[f"theater.{t}.start_level"]), 0), TOP)
            for a in ACTORS:
                if self.role[(a, t)] == 1:
                    self.posture[(a, t)] = min(l, self.cap(a, t))
            self.crossed[t] = between(0, l)
            self.at_war[t] = l >= WAR
            self.in_crisis[t] = l >= floor
            self.crisis_start[t] = 0 if l >= floor else -1
            self.ended[t], self.end_step[t], self.still[t] = None, -1, 0
        self.share = {}
        for a in ACTORS:
            n = sum(1 for t in THEATERS if role0(a, t))
            for t in THEATERS:
                if a in DEPLOYMENTS:
                    self.share[(a, t)] = DEPLOYMENTS[a].get(t, 0.0)
                else:
                    self.share[(a, t)] = 1.0 / n if role0(a, t) else 0.0
        self.share_start = dict(self.share)
        self.rebuild_members()
        self.levels()
        self.max_reached = dict(self.level)
        self.start = dict(self.level)
        self.forces()
        self.pf_start = dict(self.pf)

    def rng(self, name):
        if name not in self.streams:
            self.streams[name] = Stream(derive(self.seed, name))
        return self.streams[name]

    def g(self, name):
        return self.p["global." + name]

    def ap(self, a, name):
        return self.p[f"actor.{a}.{name}"]

    def floor(self):
        return round_away(self.g("crisis_floor"))

    def cap(self, a, t):
        return TOP if a in NUCLEAR else min(TOP, SIGNAL - 1)

    def members(self, t, side):
        return self.mem[(t, side)]

    def rebuild_members(self):
        self.mem = {(t, side): [a for a in ACTORS if self.role[(a, t)] == 1 and self.side[(a, t)] == side]
                    for t in THEATERS for side in (0, 1)}

    def levels(self):
        self.top = {}
        for t in THEATERS:
            for side in (0, 1):
                self.top[(t, side)] = max([0] + [self.posture[(a, t)] for a in self.members(t, side)])
            self.level[t] = max(self.top[(t, 0)], self.top[(t, 1)])

    def own_help(self, x, t, side):
        return SUPPORTERS[(x, t)][1] if self.role[(x, t)] == 2 and self.side[(x, t)] == side and (x, t) in SUPPORTERS else 0.0

    def forces(self):
        self.local = {}
        for a in ACTORS:
            f = self.ap(a, "forces") + self.forces_add[a]
            if f < 0:
                f = 0.0
            for t in THEATERS:
                self.local[(a, t)] = f * self.share[(a, t)]
        self.pf, self.sf, self.ns = {}, {}, {}
        for t in THEATERS:
            for side in (0, 1):
                pf = 0.0
                for a in self.members(t, side):
                    pf += self.local[(a, t)]
                aid = 0.0
                for a in ACTORS:
                    if self.role[(a, t)] == 2 and self.side[(a, t)] == side and (a, t) in SUPPORTERS:
                        aid += SUPPORTERS[(a, t)][1] * self.local[(a, t)]
                self.pf[(t, side)], self.sf[(t, side)] = pf, pf + aid
                self.ns[(t, side)] = any(a in NUCLEAR for a in self.members(t, side))
        # Expected allied help: both sides' honour probabilities from the forces before any expected help, then both
        # added (so no side's label decides what the other sees); an ally that supports the other side is no help.
        self.expected = {}
        for t in THEATERS:
            adds = [0.0, 0.0]
            for side in (0, 1):
                best = {}
                for o, (x, p, th) in enumerate(ROWS):
                    if th != t or o in self.decided:
                        continue
                    if self.role[(p, t)] != 1 or self.side[(p, t)] != side or self.role[(x, t)] == 1:
                        continue
                    if self.role[(x, t)] == 2 and self.side[(x, t)] != side:
                        continue
                    q = self.honour(o)
                    if q > best.get(x, 0.0):
                        best[x] = q
                add = 0.0
                for x in ACTORS:
                    if best.get(x, 0.0) > 0:
                        h = best[x] * (1 - self.own_help(x, t, side)) * self.local[(x, t)]
                        self.expected[(x, t)] = (side, h)
                        add += h
                adds[side] = add
            self.sf[(t, 0)] += adds[0]
            self.sf[(t, 1)] += adds[1]

    def pi(self, t, side, extra=0.0):
        f, g = self.sf[(t, side)] + extra, self.sf[(t, 1 - side)]
        if f <= 0 and g <= 0:
            f = g = 1.0
        m = self.g("contest_exponent")
        if m == 1:
            return f / (f + g)
        return math.pow(f, m) / (math.pow(f, m) + math.pow(g, m))

    def stake(self, a, t):
        base, security = STAKES.get((a, t), 0.0), 0.0
        if self.role[(a, t)] == 1:
            k = (t, 1 - self.side[(a, t)])
            if self.pf_start[k] > 0:
                security = self.g("security_dilemma") * max(0.0, self.pf[k] / self.pf_start[k] - 1)
        return base + 0.0 + security  # + 0.0: the horizontal-link part (the scenario has no links)

    def trade_sum(self, a, t, side):
        s = 0.0
        for b in self.members(t, 1 - side):
            if frozenset((a, b)) in TRADE_DEP:
                s += TRADE_DEP[frozenset((a, b))]
        return s

    def channel_sum(self, a, t, side):
        s = 0.0
        for b in ACTORS:
            if b != a and frozenset((a, b)) in CHANNEL and self.role[(b, t)] != 0 and self.side[(b, t)] == 1 - side:
                s += CHANNEL[frozenset((a, b))]
        return s

    def nuclear_terms(self, a, t, side):
        nuclear_theater = self.ns[(t, 0)] or self.ns[(t, 1)] or a in NUCLEAR
        mutual = (self.ns[(t, side)] or a in NUCLEAR) and self.ns[(t, 1 - side)]
        return nuclear_theater, mutual

    def terms(self, a, t, side):
        """Gain and cost of standing at each level."""
        r = self.ap(a, "resolve") + self.resolve_add[a]
        k, d = self.ap(a, "cost_sensitivity"), self.ap(a, "catastrophe_aversion")
        nuclear_theater, mutual = self.nuclear_terms(a, t, side)
        si = 1 - self.g("stability_instability") if mutual else 1
        trade = self.g("trade_weight") * self.trade_sum(a, t, side)
        sr = self.stake(a, t) * r * self.pi(t, side)
        risk = d if nuclear_theater else 0
        gain = [sr * GAIN[l] for l in range(TOP + 1)]
        cost = [k * COST[l] * (si if l < USE else 1) + risk * RISK[l] + trade * TRADE[l] for l in range(TOP + 1)]
        return gain, cost

    def path_cost(self, a, frm, to, crossed, channel):
        if frm == to:
            return 0.0
        move = self.g("move_cost") * abs(to - frm)
        if to > frm:
            return move + premiums(between(frm, to) & ~crossed) + self.g("channel_damping") * channel * (to - frm)
        back = bin(between(to, frm) & crossed).count("1")
        return move + self.g("stickiness") * back + self.ap(a, "audience_cost") * frm / TOP

    def accident_possible(self, a, t, target):
        return target + 1 <= self.cap(a, t) and between(target, target + 1) == 0

    def top_except(self, t, *skip):
        return max([0] + [self.posture[(x, t)] for s in (0, 1) for x in self.members(t, s) if x not in skip])

    def utilities(self, a, t):
        """Expected utility of each action, anticipating the strongest opponent's quantal response."""
        side, x = self.side[(a, t)], self.posture[(a, t)]
        gain, cost = self.terms(a, t, side)
        channel, cap, crossed, eps = self.channel_sum(a, t, side), self.cap(a, t), self.crossed[t], self.g("accident")
        j, best = None, -1.0
        for b in self.members(t, 1 - side):
            if self.local[(b, t)] > best:
                j, best = b, self.local[(b, t)]
        others = self.top_except(t, a)
        if j is not None:
            gain_j, cost_j = self.terms(j, t, 1 - side)
        cache = {}

        def value(y):
            if y in cache:
                return cache[y]
            v = gain[y] - self.path_cost(a, x, y, crossed, channel)
            if j is None:
                v -= cost[max(y, others)]
            else:
                xj, rest = self.posture[(j, t)], self.top_except(t, a, j)
                floor_j = max(y, rest)
                crossed_after = crossed | between(0, max(floor_j, xj))
                cap_j, channel_j = self.cap(j, t), self.channel_sum(j, t, 1 - side)
                av = [0 <= xj + dl <= cap_j for dl in DELTAS]
                u = [gain_j[xj + dl] - self.path_cost(j, xj, xj + dl, crossed_after, channel_j) - cost_j[max(xj + dl, floor_j)]
                     if ok else -math.inf for dl, ok in zip(DELTAS, av)]
                pj = logit(u, av, self.ap(j, "lambda"))
                c = 0.0
                for k, dl in enumerate(DELTAS):
                    if av[k]:
                        c += pj[k] * cost[max(max(y, rest), xj + dl)]
                v -= c
            cache[y] = v
            return v

        eu, avail = [], []
        for dl in DELTAS:
            y = x + dl
            avail.append(0 <= y <= cap)
            if not avail[-1]:
                eu.append(-math.inf)
            elif self.accident_possible(a, t, y):
                eu.append((1 - eps) * value(y) + eps * value(y + 1))
            else:
                eu.append(value(y))
        return eu, avail

    def charge(self, a, t, frm, to):
        fresh = between(frm, to) & ~self.crossed[t]
        if fresh:
            self.premium[a] += premiums(fresh)

    def entry_utility(self, x, t, side):
        # the side's force already holds the help expected of x (from forces()); entering adds the rest of x's force
        own = self.own_help(x, t, side)
        exp_side, exp_help = self.expected.get((x, t), (None, 0.0))
        expected = exp_help if exp_side == side else 0.0
        pi = self.pi(t, side, (1 - own) * self.local[(x, t)] - expected)
        stake = self.stake(x, t)
        l = min(self.level[t], self.cap(x, t))
        r = self.ap(x, "resolve") + self.resolve_add[x]
        nuclear_theater, mutual = self.nuclear_terms(x, t, side)
        si = 1 - self.g("stability_instability") if mutual and l < USE else 1
        cost = (self.ap(x, "cost_sensitivity") * COST[l] * si
                + (self.ap(x, "catastrophe_aversion") * RISK[l] if nuclear_theater else 0)
                + self.g("trade_weight") * self.trade_sum(x, t, side) * TRADE[l])
        return stake * r * pi * GAIN[l] - cost - self.ap(x, "entry_cost")

    def honour(self, o):
        x, p, t = ROWS[o]
        du = self.entry_utility(x, t, self.side[(p, t)]) + self.ap(x, "abandonment_cost") * self.g("strength_conditional")
        b = self.g("credibility_bound")
        c = min(max(CREDIBILITY, b), 1 - b)
        return 1 / (1 + exp(-(math.log(c / (1 - c)) + self.g("alliance_sensitivity") * du)))

    def shift_forces(self):
        for a in DEPLOYMENTS:
            phi, rho = self.ap(a, "threat_response"), self.ap(a, "inertia")
            total, raw, want = 0.0, 0.0, {}
            for t in THEATERS:
                w0 = self.share_start[(a, t)]
                total += w0
                want[t] = w0 * max(self.g("force_floor"), 1 + phi * (self.level[t] - self.start[t]) / TOP)
                raw += want[t]
            if raw <= 0:
                continue
            for t in THEATERS:
                self.share[(a, t)] = rho * self.share[(a, t)] + (1 - rho) * (want[t] * total / raw)

    def events(self):
        for t in THEATERS:
            self.ip[t] *= self.g("intervention_pressure_decay")
        for eid, author, prob, effects in EVENTS:
            if eid in self.fired or not self.rng("event:" + eid).uniform() < prob:
                continue
            self.fired.add(eid)
            for kind, target, value in effects:
                if kind in ("level", "tension"):
                    i = (author, target)
                    if self.role[i] != 1:
                        continue
                    before = self.posture[i]
                    if kind == "level":
                        wanted = max(before, round_away(value))
                    else:
                        self.carry[i] += value
                        n = math.floor(self.carry[i])
                        self.carry[i] -= n
                        wanted = before + n
                    wanted = min(max(wanted, 0), self.cap(author, target))
                    to = before
                    if wanted > before:  # a shock never takes a theater across a threshold it has not crossed
                        while to < wanted and between(to, to + 1) & ~self.crossed[target] == 0:
                            to += 1
                    else:
                        to = wanted
                    if to > before:
                        self.rose.add(i)
                    self.posture[i] = to
                elif kind == "intervention_pressure":
                    self.ip[target] += value
                elif kind == "resolve":
                    self.resolve_add[target] += value
                elif kind == "forces":
                    self.forces_add[target] += value

    def slip(self, t):
        draw = self.rng("slip:" + t).uniform()
        if not (self.ns[(t, 0)] or self.ns[(t, 1)]):
            return
        l = self.level[t]
        if l >= TOP or not draw < self.g("loss_of_control") * RISK[l]:
            return
        for a in ACTORS:
            if self.role[(a, t)] == 1 and self.posture[(a, t)] == l and self.cap(a, t) > l:
                self.charge(a, t, l, l + 1)
                self.posture[(a, t)] = l + 1
                self.rose.add((a, t))

    def obligations(self):
        for o, (x, p, t) in enumerate(ROWS):
            if o in self.decided or self.role[(p, t)] != 1:
                continue
            side = self.side[(p, t)]
            if self.role[(x, t)] == 1 or (self.role[(x, t)] == 2 and self.side[(x, t)] != side) or (x, t) in self.entry:
                continue
            if not any((b, t) in self.rose and self.posture[(b, t)] >= TRIGGER for b in self.members(t, 1 - side)):
                continue  # no armed attack by a state of the other side in this step
            self.decided.add(o)
            self.triggered.add(o)
            q = self.honour(o)
            if self.rng(f"obligation:{TREATY}:{ARTICLE}:{x}:{p}:{t}").uniform() < q:
                self.honoured.add(o)
                self.entry[(x, t)] = side
                self.decided.update(o2 for o2, r in enumerate(ROWS) if r[0] == x and r[2] == t)

    def interventions(self):
        for t in THEATERS:
            if self.level[t] < WAR:
                continue
            for x in ACTORS:
                if not SUPPORTERS.get((x, t), (0, 0, False))[2] or self.role[(x, t)] != 2 or (x, t) in self.entry:
                    continue
                side = self.side[(x, t)]
                du = self.entry_utility(x, t, side) + self.ap(x, "intervention_bias") + self.ip[t]
                q = 1 / (1 + exp(-self.ap(x, "lambda") * du))
                if self.rng(f"intervene:{x}:{t}").uniform() < q:
                    self.intervened.add((x, t))
                    self.entry[(x, t)] = side

    def cross_channel(self, t):
        best = 0.0
        for a in ACTORS:
            for b in ACTORS:
                ra, rb = self.role[(a, t)], self.role[(b, t)]
                if frozenset((a, b)) in CHANNEL and a != b and ra and rb and self.side[(a, t)] != self.side[(b, t)] and (ra == 1 or rb == 1):
                    best = max(best, CHANNEL[frozenset((a, b))])
        return best

    def crises(self, at_start):
        floor, freeze = self.floor(), round_away(self.g("freeze_steps"))
        for t in THEATERS:
            changed = any(self.role[(a, t)] == 1 and self.posture[(a, t)] != at_start[(a, t)] for a in ACTORS)
            if not self.in_crisis[t]:
                if self.level[t] >= floor:
                    self.in_crisis[t], self.still[t] = True, 0
                    if self.crisis_start[t] < 0:
                        self.crisis_start[t] = self.step
                continue
            self.still[t] = 0 if changed else self.still[t] + 1
            pa = self.pi(t, 0)
            ripeness = (pa * (1 - pa)) / 0.25
            h = (self.g("settlement_rate") * exp(-self.g("settlement_escalation_decay") * max(0, self.level[t] - floor))
                 * (1 + self.cross_channel(t)) * ripeness)
            ending = None
            if self.rng("settle:" + t).uniform() < h:
                ending = "settlement"
                for a in ACTORS:
                    if self.role[(a, t)] == 1:
                        self.posture[(a, t)] = min(self.posture[(a, t)], floor - 1)
                self.levels()
            elif self.level[t] < floor:
                ending = "normal"
            elif self.level[t] < WAR and self.still[t] >= freeze:
                ending = "freeze"
            if ending:
                self.in_crisis[t] = False
                if self.ended[t] is None:
                    self.ended[t], self.end_step[t] = ending, self.step

    def advance(self):
        self.step += 1
        at_start = dict(self.posture)
        self.rose, self.rose_next = self.rose_next, set()
        self.shift_forces()
        self.forces()
        nxt = dict(self.posture)
        for t in THEATERS:  # 1. every principal decides from the state at the start of the step
            for a in ACTORS:
                if self.role[(a, t)] != 1:
                    continue
                eu, avail = self.utilities(a, t)
                p = logit(eu, avail, self.ap(a, "lambda"))
                rng = self.rng(f"decide:{a}:{t}")
                draw, accident_draw = rng.uniform(), rng.uniform()
                target = self.posture[(a, t)] + DELTAS[pick(p, avail, draw)]
                accident = accident_draw < self.g("accident") and self.accident_possible(a, t, target)
                nxt[(a, t)] = target + 1 if accident else target
        for t in THEATERS:  # 2. all moves apply together; rises pay the premiums of thresholds not yet crossed
            for a in ACTORS:
                i = (a, t)
                if self.role[i] == 1 and nxt[i] != self.posture[i]:
                    if nxt[i] > self.posture[i]:
                        self.rose.add(i)
                        self.charge(a, t, self.posture[i], nxt[i])
                    self.posture[i] = nxt[i]
        self.events()  # 3.
        self.levels()
        for t in THEATERS:  # 4. loss of control
            self.slip(t)
        self.levels()
        for t in THEATERS:
            self.crossed[t] |= between(0, self.level[t])
        self.entry = {}  # 5. alliance entries and interventions, decided on this state, applied together
        self.obligations()
        self.interventions()
        for t in THEATERS:
            for x in ACTORS:
                if (x, t) in self.entry:
                    side = self.entry[(x, t)]
                    self.role[(x, t)], self.side[(x, t)] = 1, side
                    self.posture[(x, t)] = min(self.level[t], self.cap(x, t))
                    self.rose_next.add((x, t))
        if self.entry:
            self.rebuild_members()
            self.levels()
            self.forces()
        self.crises(at_start)
        # 6. what the step ends with (after a settlement): every outcome reads this state
        for t in THEATERS:
            self.max_reached[t] = max(self.max_reached[t], self.level[t])
            if self.first_war < 0 and not self.at_war[t] and self.level[t] >= WAR:
                self.first_war = self.step
        if self.two_crisis < 0 and sum(1 for t in THEATERS if self.level[t] >= CRISIS_LEVEL) >= 2:
            self.two_crisis = self.step
        if self.two_nuclear < 0 and sum(1 for t in THEATERS if self.level[t] >= SIGNAL) >= 2:
            self.two_nuclear = self.step


# ---------------------------------------------------------------- the ensemble and its counts


def date_of(step):
    y, m = divmod(START.month - 1 + step, 12)
    return START.replace(year=START.year + y, month=m + 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--replicates", type=int, default=10)
    args = ap.parse_args()
    out = {}

    def count(key, hit=True):
        out[key] = out.get(key, 0) + (1 if hit else 0)

    for run in range(args.runs):
        draw = run // args.replicates
        p = draw_parameters(args.seed, draw)
        if run % args.replicates == 0 and draw < 3:
            for path, spec in PARAMS.items():
                if isinstance(spec, tuple):
                    out[f"draw.{draw}.{path}"] = p[path]
        s = Run(p, derive(args.seed, "dynamics", run))
        for t in THEATERS:
            count(f"level.{t}.0.{s.level[t]}")
        for _ in range(STEPS):
            s.advance()
            for t in THEATERS:
                count(f"level.{t}.{s.step}.{s.level[t]}")
        count("first_war", s.first_war > 0)
        count("first_war_step.%d" % max(0, s.first_war))
        count("two_theater_crisis", s.two_crisis > 0)
        count("two_theater_nuclear_crisis", s.two_nuclear > 0)
        for name, lv in (("nuclear_signal", SIGNAL), ("nuclear_use", USE), ("general_nuclear_war", TOP)):
            count(name, any(s.max_reached[t] >= lv for t in THEATERS))
        count("ally_entry", bool(s.honoured))
        for t in THEATERS:
            count(f"max_level.{t}.{s.max_reached[t]}")
            count(f"war.{t}", s.max_reached[t] >= WAR)
            count(f"nuclear_signal.{t}", s.max_reached[t] >= SIGNAL)
            count(f"nuclear_use.{t}", s.max_reached[t] >= USE)
            count(f"escalates.{t}", s.max_reached[t] > s.start[t])
            count(f"ends_above_start.{t}", s.level[t] > s.start[t])
            count(f"ends_below_start.{t}", s.level[t] < s.start[t])
            if s.crisis_start[t] >= 0:
                count(f"crisis_runs.{t}")
                count(f"crisis_ends.{t}", s.ended[t] is not None)
                count(f"crisis_ends.{t}.trials")
                for kind in ("settlement", "freeze", "normal"):
                    count(f"crisis_ends.{t}.{kind}", s.ended[t] == kind)
                    count(f"crisis_ends.{t}.{kind}.trials")
                end = s.end_step[t] if s.ended[t] else STEPS
                long_ = (date_of(end) - date_of(s.crisis_start[t])).days > 182
                if s.ended[t] or (date_of(STEPS) - date_of(s.crisis_start[t])).days > 182:
                    count(f"crisis_lasts_over_6_months.{t}", long_)
                    count(f"crisis_lasts_over_6_months.{t}.trials")
            if s.ended[t]:
                count(f"end.{t}.{s.ended[t]}.{s.end_step[t]}")
        count(f"obligation_triggered.{TREATY}", bool(s.triggered))
        count(f"ally_entry.{TREATY}", bool(s.honoured))
        if s.triggered:
            count(f"honoured_given_triggered.{TREATY}", bool(s.honoured))
            count(f"honoured_given_triggered.{TREATY}.trials")
        for (x, t), (_, _, may) in SUPPORTERS.items():
            if may:
                count(f"intervention.{t}.{x}", (x, t) in s.intervened)
        count("intervention", bool(s.intervened))
        for a in DEPLOYMENTS:
            for t in DEPLOYMENTS[a]:
                count(f"forces_moved_out.{a}.{t}", s.share[(a, t)] <= s.share_start[(a, t)] - 0.05)
        for eid, *_ in EVENTS:
            count(f"event.{eid}", eid in s.fired)
        for a in ACTORS:
            count(f"premium_paid.{a}", s.premium[a] > 0)
    out["obligation_rows"] = [f"{TREATY}:{ARTICLE}:{x}:{p}:{t}:{TRIGGER}" for x, p, t in ROWS]
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
