#!/usr/bin/env python3
"""The leaderboards of an open-data vote export, recomputed with numpy: the benchmark's peer.

    python3 scripts/bench/reference-fit.py FILE [--bootstrap N] [--seed S] [--timings]

The same model and bootstrap scheme as packages/core (computeLeaderboards), written the way a
numpy user would, vectorised over cells and over bootstrap rounds:

- Scopes: each arena overall and each (arena, category), ordered as ours (arena, overall first,
  then category slug). Models are indexed in slug order, cells are pairs a < b.
- Bradley-Terry on natural-log strengths; a tie and a both-bad each count half a win to each
  side; L2 penalty (ridge / 2) sum(theta^2) with ridge 1e-3; damped Newton from zero, step
  halved when the objective drops, stop when no strength moves by 1e-9; the information
  matrix solved as ours does (shifted by its mean diagonal along the ones direction).
- Elo: 1000 + (400 / ln 10) (theta - mean theta).
- Intervals: Poisson bootstrap of the aggregated counts (each cell's wins of a, wins of b and
  draws replaced by Poisson draws of the same mean), `rounds` rounds, each refitted from the
  point estimate by chord iterations with the point estimate's information (12 at most,
  stopping at 1e-4 log units, abandoned for full Newton when a step does not halve the last),
  then the 2.5% and 97.5% quantiles of type 6 (numpy's "weibull", ours' sortedQuantile).
- Ranks: 1 + the models whose lower bound lies above this one's upper bound.

What cannot match bit for bit is the random stream: ours is xoshiro128** with its own Poisson
sampler, here numpy's PCG64 seeded from the same text (`{seed}:{arena}/{category}/`), so the
ratings agree to round-off and the intervals to Monte Carlo noise (a few Elo at 1M votes).

Prints {"leaderboards": [...]} as the CLI does; with --timings, the time of each phase on stderr.
"""

import argparse
import hashlib
import json
import math
import re
import sys
import time
from collections import Counter

import numpy as np

RIDGE = 1e-3
ELO_PER_NAT = 400 / math.log(10)
ANCHOR = 1000.0
TOLERANCE = 1e-9
MAX_ITERATIONS = 100
BOOTSTRAP_TOLERANCE = 1e-4
CHORD_ITERATIONS = 12
LEVEL = 0.95
PROVISIONAL_VOTES = 200
OUTCOMES = ("model_a", "model_b", "tie", "both_bad")


def read_counts(path):
    """(arena, category, model_a, model_b, outcome) -> votes, one json.loads per line."""
    counts = Counter()
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                vote = json.loads(line)
                key = (
                    vote.get("arena"),
                    vote.get("category"),
                    vote["model_a"],
                    vote["model_b"],
                    vote["outcome"],
                )
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                sys.exit(f"{path}:{number}: not a vote line ({error})")
            if key[4] not in OUTCOMES or key[2] == key[3]:
                sys.exit(f"{path}:{number}: not a vote line")
            counts[key] += 1
    return counts


def scopes_of(counts):
    """Scope key -> {(left, right): [left wins, right wins, ties, both bad]}, in our order."""
    scopes = {}
    for (arena, category, left, right, outcome), n in counts.items():
        for key in [(arena, None)] + ([(arena, category)] if category is not None else []):
            tally = scopes.setdefault(key, {}).setdefault((left, right), [0, 0, 0, 0])
            tally[OUTCOMES.index(outcome)] += n
    order = lambda key: (key[0] or "", key[1] is not None, key[1] or "")
    return [(key, scopes[key]) for key in sorted(scopes, key=order)]


def cells_of(sides):
    """Models in slug order and one cell per pair a < b: indices, wins of a, wins of b, draws."""
    models = sorted({name for pair in sides for name in pair})
    index = {model: i for i, model in enumerate(models)}
    cells = {}
    for (left, right), (left_wins, right_wins, ties, both_bad) in sides.items():
        a, b = index[left], index[right]
        flipped = a > b
        cell = cells.setdefault((b, a) if flipped else (a, b), [0, 0, 0])
        cell[0] += right_wins if flipped else left_wins
        cell[1] += left_wins if flipped else right_wins
        cell[2] += ties + both_bad
    pairs = sorted(cells)
    a = np.array([pair[0] for pair in pairs], dtype=np.intp)
    b = np.array([pair[1] for pair in pairs], dtype=np.intp)
    counts = np.array([cells[pair] for pair in pairs], dtype=np.float64).reshape(-1, 3)
    return models, a, b, counts[:, 0], counts[:, 1], counts[:, 2]


def incidence(a, b, p):
    """C x p: +1 at a cell's a, -1 at its b, so that theta @ D.T is each cell's difference."""
    d = np.zeros((len(a), p))
    d[np.arange(len(a)), a] = 1.0
    d[np.arange(len(a)), b] = -1.0
    return d


def objective_terms(theta, d, wins_a, wins_b, draws):
    """Penalised log-likelihood, its gradient and the information matrix, one theta."""
    score_a = wins_a + 0.5 * draws
    score_b = wins_b + 0.5 * draws
    total = score_a + score_b
    diff = d @ theta
    e = np.exp(-np.abs(diff))
    log1p_e = np.log1p(e)
    probability = np.where(diff >= 0, 1 / (1 + e), e / (1 + e))
    objective = -0.5 * RIDGE * theta @ theta - np.sum(
        score_a * (np.maximum(-diff, 0) + log1p_e) + score_b * (np.maximum(diff, 0) + log1p_e)
    )
    gradient = -RIDGE * theta + (score_a - total * probability) @ d
    weight = total * probability * (1 - probability)
    information = RIDGE * np.eye(len(theta)) + (d * weight[:, None]).T @ d
    return objective, gradient, information


def shifted(information):
    """H + (mean diagonal / p) 1 1^T: acts as H off the ones direction, well conditioned."""
    p = len(information)
    trace = np.trace(information)
    return information + ((trace / p if trace > 0 else 1.0) / p)


def solve_information(information, rhs):
    """H x = rhs: the centred part through the shifted matrix, the mean part through ridge."""
    mean = rhs.mean()
    x = np.linalg.solve(shifted(information), rhs - mean)
    return x + mean / RIDGE


def newton(theta, d, wins_a, wins_b, draws, tolerance, max_iterations=MAX_ITERATIONS):
    """Damped Newton ascent from theta (a copy is returned), as core's newtonSolve."""
    theta = theta.copy()
    previous = theta.copy()
    step = np.zeros_like(theta)
    accepted = -math.inf
    for _ in range(max_iterations):
        objective, gradient, information = objective_terms(theta, d, wins_a, wins_b, draws)
        if objective < accepted - 1e-12 * (1 + abs(accepted)):
            step *= 0.5
            theta = previous + step
            if np.max(np.abs(step)) < tolerance:
                return theta
            continue
        accepted = objective
        previous = theta.copy()
        step = solve_information(information, gradient)
        theta = theta + step
        if np.max(np.abs(step)) < tolerance:
            return theta
    return theta


def bootstrap(theta0, d, wins_a, wins_b, draws, rounds, rng):
    """Strengths of every round (rounds x p), all rounds' chord iterations at once."""
    p = len(theta0)
    _, _, information = objective_terms(theta0, d, wins_a, wins_b, draws)
    centring = np.eye(p) - 1.0 / p
    inverse = np.linalg.solve(shifted(information), centring).T
    samples = [rng.poisson(np.broadcast_to(k, (rounds, len(k)))) for k in (wins_a, wins_b, draws)]
    ra, rb, rd = (s.astype(np.float64) for s in samples)
    total = ra + rb + rd
    theta = np.tile(theta0, (rounds, 1))
    active = np.ones(rounds, dtype=bool)
    failed = np.zeros(rounds, dtype=bool)
    previous_size = np.full(rounds, np.inf)
    for iteration in range(1, CHORD_ITERATIONS + 1):
        rows = np.flatnonzero(active)
        if len(rows) == 0:
            break
        t = theta[rows]
        probability = 1 / (1 + np.exp(-(t @ d.T)))
        residual = ra[rows] + 0.5 * rd[rows] - total[rows] * probability
        gradient = -RIDGE * t + residual @ d
        step = gradient @ inverse.T + (gradient.sum(axis=1) / p / RIDGE)[:, None]
        size = np.max(np.abs(step), axis=1)
        rate = size / previous_size[rows]
        stalled = ~(rate <= 0.5)
        failed[rows[stalled]] = True
        moving = ~stalled
        theta[rows[moving]] += step[moving]
        with np.errstate(divide="ignore", invalid="ignore"):
            remaining = size * rate / (1 - rate) if iteration > 1 else size
        done = moving & ((size < BOOTSTRAP_TOLERANCE) | (remaining < BOOTSTRAP_TOLERANCE))
        active[rows[stalled | done]] = False
        previous_size[rows] = size
    failed |= active  # out of chord iterations
    for r in np.flatnonzero(failed):
        theta[r] = newton(theta[r], d, ra[r], rb[r], rd[r], BOOTSTRAP_TOLERANCE)
    return theta


def to_elo(theta):
    return ANCHOR + ELO_PER_NAT * (theta - theta.mean(axis=-1, keepdims=True))


def fit_scope(key, sides, rounds, seed):
    models, a, b, wins_a, wins_b, draws = cells_of(sides)
    p = len(models)
    d = incidence(a, b, p)
    theta = newton(np.zeros(p), d, wins_a, wins_b, draws, TOLERANCE)
    ratings = to_elo(theta)
    label = f"{key[0] or ''}/{key[1] or ''}/"
    digest = hashlib.sha256(f"{seed}:{label}".encode()).digest()
    rng = np.random.default_rng(int.from_bytes(digest[:8], "little"))
    draws_elo = to_elo(bootstrap(theta, d, wins_a, wins_b, draws, rounds, rng))
    tail = (1 - LEVEL) / 2
    low, high = np.quantile(draws_elo, [tail, 1 - tail], axis=0, method="weibull")
    votes = np.bincount(a, wins_a + wins_b + draws, p) + np.bincount(b, wins_a + wins_b + draws, p)
    ranks = 1 + np.sum(low[None, :] > high[:, None], axis=1)
    rows = [
        {
            "model": models[i],
            "rating": float(ratings[i]),
            "ci_low": float(low[i]),
            "ci_high": float(high[i]),
            "rank": int(ranks[i]),
            "votes": int(votes[i]),
            "provisional": bool(votes[i] < PROVISIONAL_VOTES),
        }
        for i in range(p)
    ]
    rows.sort(key=lambda row: (-row["rating"], row["model"]))
    total_votes = int(sum(sum(tally) for tally in sides.values()))
    return {"arena": key[0], "category": key[1], "votes": total_votes, "rows": rows}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file")
    parser.add_argument("--bootstrap", type=int, default=100)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--timings", action="store_true")
    args = parser.parse_args()
    # Whole numbers print as numbers do in JavaScript ("007" is seed 7), as the CLI reads them.
    seed = str(int(args.seed)) if re.fullmatch(r"-?\d+", args.seed) else args.seed
    started = time.perf_counter()
    counts = read_counts(args.file)
    read = time.perf_counter()
    boards = [fit_scope(key, sides, args.bootstrap, seed) for key, sides in scopes_of(counts)]
    fitted = time.perf_counter()
    json.dump({"leaderboards": boards}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    if args.timings:
        timings = {"read_s": read - started, "fit_s": fitted - read}
        print(json.dumps(timings), file=sys.stderr)


if __name__ == "__main__":
    main()
