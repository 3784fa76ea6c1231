"""The capacitated assignment as a min-cost flow (OR-Tools), and LP prices that certify it.

Network: source → each mentee (capacity 1) → each candidate mentor (capacity 1, cost −weight)
→ sink (the mentor's capacity), plus a free source → sink arc for mentees left unpaired.

Certificate: the LP dual of "maximise Σ weight·x, each mentee at most once, each mentor at
most capacity times" has a price u ≥ 0 per mentee and v ≥ 0 per mentor with u + v ≥ weight
for every pair. Prices that do this for the candidate pairs and meet complementary slackness
prove the flow optimal among candidates; if they also do it for every pair of the cohort, the
flow is optimal for the whole cohort.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow  # type: ignore[import-untyped]

from teams_app.domain.matching.encoding import I64


@dataclass(frozen=True)
class Arcs:
    """Candidate pairs (mentee row, mentor column) with their whole-number weights."""

    rows: I64
    cols: I64
    weights: I64


@dataclass(frozen=True)
class Prices:
    """LP dual prices of an optimal flow; `ok` is False if they could not be established."""

    mentees: I64
    mentors: I64
    ok: bool
    problem: str = ""


def solve(arcs: Arcs, mentees: int, capacity: I64, bonus: int = 0) -> I64:
    """Each mentee's mentor column in a maximum-weight assignment over `arcs`; -1 if unpaired.

    `bonus` is the part of every weight that rewards a pair as such (big M): when it
    outweighs any difference in score, the optimum is the most pairs, then the most score,
    which OR-Tools finds as a maximum flow of least cost on the weights less the bonus.
    Costs 2**26 times smaller make its cost scaling take fewer phases: about twice as fast.
    """
    mentors = len(capacity)
    source, sink = 0, mentees + mentors + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    bypass = 0 if bonus else 1  # without a bonus, a free source → sink arc for the unpaired
    tails = np.concatenate(
        (
            np.zeros(bypass + mentees, np.int64),
            arcs.rows + 1,
            np.arange(mentors) + mentees + 1,
        )
    )
    heads = np.concatenate(
        ([sink] * bypass, np.arange(mentees) + 1, arcs.cols + mentees + 1, np.full(mentors, sink))
    )
    capacities = np.concatenate(
        ([mentees] * bypass, np.ones(mentees + len(arcs.rows), np.int64), capacity)
    )
    costs = np.concatenate(
        (np.zeros(bypass + mentees, np.int64), bonus - arcs.weights, np.zeros(mentors, np.int64))
    )
    ids = flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int64), heads.astype(np.int64), capacities.astype(np.int64), costs
    )
    flow.set_nodes_supplies(np.array([source, sink]), np.array([mentees, -mentees]))
    status = flow.solve_max_flow_with_min_cost() if bonus else flow.solve()
    if status != flow.OPTIMAL:  # cannot happen: a maximum flow always exists
        raise RuntimeError(f"min-cost flow ended with status {status}")
    first = bypass + mentees
    used = flow.flows(ids[first : first + len(arcs.rows)]) > 0
    mentor_of = np.full(mentees, -1, dtype=np.int64)
    mentor_of[arcs.rows[used]] = arcs.cols[used]
    return mentor_of


def prices(arcs: Arcs, mentor_of: I64, mentors: int, max_rounds: int) -> Prices:
    """The smallest mentor prices (largest mentee prices) that certify `mentor_of` on `arcs`.

    SimpleMinCostFlow does not expose its potentials, so they are recomputed: with u fixed by
    the pairs (u_i = w_i,m(i) − v_m(i); u_i = 0 when unpaired), the conditions on v are
    difference constraints, solved by Bellman-Ford towards a zero node. Small mentor prices
    leave the most room for pairs outside the candidates, so pricing flags fewer of them.
    """
    rows, cols, w = arcs.rows, arcs.cols, arcs.weights
    paired = mentor_of >= 0
    own = paired[rows] & (mentor_of[rows] == cols)
    own_weight = np.zeros(len(mentor_of), dtype=np.int64)
    own_weight[rows[own]] = w[own]
    # dist[j]: shortest distance from mentor j to the zero node; v_j = -dist[j].
    dist = np.zeros(mentors, dtype=np.int64)
    alone = ~paired[rows]
    np.minimum.at(dist, cols[alone], -w[alone])
    moved = paired[rows] & ~own
    edge_from, edge_to = cols[moved], mentor_of[rows[moved]]
    edge_cost = own_weight[rows[moved]] - w[moved]
    converged = _bellman_ford(dist, edge_from, edge_to, edge_cost, max_rounds)
    v = -dist
    u = np.where(paired, own_weight - v[np.maximum(mentor_of, 0)], 0)
    if not converged:
        return Prices(u, v, False, f"the prices did not settle within {max_rounds} rounds")
    problem = _slack_problem(arcs, mentor_of, u, v)
    return Prices(u, v, not problem, problem)


def _bellman_ford(dist: I64, start: I64, end: I64, cost: I64, max_rounds: int) -> bool:
    if not len(start):
        return True
    order = np.argsort(start, kind="stable")
    start, end, cost = start[order], end[order], cost[order]
    heads = np.flatnonzero(np.r_[True, start[1:] != start[:-1]])
    nodes = start[heads]
    for _ in range(max_rounds):
        best = np.minimum.reduceat(cost + dist[end], heads)
        better = best < dist[nodes]
        if not better.any():
            return True
        dist[nodes[better]] = best[better]
    return False


def _slack_problem(arcs: Arcs, mentor_of: I64, u: I64, v: I64) -> str:
    """Why the prices fail to certify the flow on its own candidates; empty if they do."""
    if (u < 0).any() or (v < 0).any():
        return "a price came out negative"
    reduced = u[arcs.rows] + v[arcs.cols] - arcs.weights
    if (reduced < 0).any():
        return "a candidate pair is priced below its weight"
    own = mentor_of[arcs.rows] == arcs.cols
    if (reduced[own] != 0).any():
        return "a chosen pair is priced above its weight"
    return ""
