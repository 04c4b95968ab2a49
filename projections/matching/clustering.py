"""Constrained clustering: strongest links first, refusing merges that break a veto or that the
model's weights across the two clusters do not support.

Vetoes are pairs that can never share an incident (two different reference numbers of one
agency, different attempt numbers of a repeated contact), checked across whole clusters. A
cluster's day-precise dates must also stay within a span (one occurrence does not last months):
without that, links between similar routine records chain into one "incident" across a year.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

# Day offsets tried when fitting one cluster's dates to another's: as dated, or a year either way.
_YEAR_SHIFTS = (0, -365, 365, -366, 366)


class _Clusters:
    def __init__(
        self,
        size: int,
        agency_refs: Sequence[tuple[str, str] | None],
        days: Sequence[int | None],
        max_span: int | None,
    ) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}
        self.refs: dict[int, dict[str, str]] = {}
        for i, pair in enumerate(agency_refs):
            self.refs[i] = {pair[0]: pair[1]} if pair else {}
        # (first, last) day ordinal of each cluster's in-sequence, day-precise entries.
        self.spans: dict[int, tuple[int, int] | None] = {
            i: (days[i], days[i]) if i < len(days) and days[i] is not None else None  # type: ignore[misc]
            for i in range(size)
        }
        self.max_span = max_span

    def within_span(self, ra: int, rb: int) -> bool:
        a, b = self.spans[ra], self.spans[rb]
        return self.max_span is None or a is None or b is None or self._fit(a, b) is not None

    def _fit(self, kept: tuple[int, int], incoming: tuple[int, int]) -> tuple[int, int] | None:
        """The joint span, with `incoming` moved by a year if that is what makes it fit: one source
        dating a whole occurrence a year out must not split it (that is a date conflict)."""
        for shift in _YEAR_SHIFTS:
            first, last = min(kept[0], incoming[0] + shift), max(kept[1], incoming[1] + shift)
            if self.max_span is None or last - first <= self.max_span:
                return first, last
        return None

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, ra: int, rb: int, vetoes: dict[int, set[int]]) -> bool:
        refs_a, refs_b = self.refs[ra], self.refs[rb]
        for agency, ref in refs_a.items():
            other = refs_b.get(agency)
            if other is not None and other != ref:
                return False
        small, large = (ra, rb) if len(self.members[ra]) <= len(self.members[rb]) else (rb, ra)
        for m in self.members[small]:
            for banned in vetoes.get(m, ()):
                if self.find(banned) == large:
                    return False
        return True

    def union(self, ra: int, rb: int, misdated: bool = False) -> None:
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        larger = len(self.members[ra]) > len(self.members[rb])
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.refs[ra].update(self.refs.pop(rb))
        incoming, kept = self.spans.pop(rb), self.spans[ra]
        if kept is None or incoming is None:
            self.spans[ra] = kept or incoming
        else:
            # Across a misdated link (a year out, a transposed day and month) the incident
            # keeps the larger side's span, its dates not stretched by the wrong one; between
            # two single rows nobody can yet tell which date is wrong, so the next row to join
            # sets it.
            if misdated:
                self.spans[ra] = kept if larger else None
            else:
                self.spans[ra] = self._fit(kept, incoming)


def cluster(
    size: int,
    links: Iterable[tuple[int, int]],
    vetoes: Iterable[tuple[int, int]],
    agency_refs: Sequence[tuple[str, str] | None],
    forced: Iterable[tuple[int, int]] = (),
    days: Sequence[int | None] = (),
    max_span: int | None = None,
    misdated: frozenset[tuple[int, int]] = frozenset(),
    gain: Callable[[Sequence[int], Sequence[int]], float] | None = None,
) -> list[list[int]]:
    """Group indices 0..size-1 by applying `links` (index pairs) in the order given, skipping
    any merge that would put a vetoed pair, or two references of one agency, in one cluster.
    `forced` pairs (a chair's links) are joined first, whatever the scores or references say.
    `days` (ordinal day per entry, None when not day-precise or out of
    sequence) and `max_span` keep each cluster's dates within that many days, except across
    `misdated` links (year-out or transposed dates believed to be one occurrence).

    `gain(A, B)`, when given, is what joining clusters A and B is worth to the model (the summed
    log-odds of every pair across them): a link joins two clusters only when it is positive.
    Greedy single-link clustering joins two clusters on their strongest pair alone, and on
    records that look alike (templated welfare checks, monthly reviews) one strong pair after
    another chains different incidents into one; asking every pair across the clusters is the
    correlation-clustering criterion, and stops the chain where most pairs disagree."""
    banned: dict[int, set[int]] = {}
    for a, b in vetoes:
        banned.setdefault(a, set()).add(b)
        banned.setdefault(b, set()).add(a)
    state = _Clusters(size, agency_refs, days, max_span)
    for a, b in forced:
        ra, rb = state.find(a), state.find(b)
        if ra != rb:
            state.union(ra, rb)
    for a, b in links:
        ra, rb = state.find(a), state.find(b)
        across = (a, b) in misdated or (b, a) in misdated
        if (
            ra != rb
            and state.compatible(ra, rb, banned)
            and (across or state.within_span(ra, rb))
            and (gain is None or gain(state.members[ra], state.members[rb]) > 0)
        ):
            state.union(ra, rb, across)
    return [sorted(m) for m in state.members.values()]
