"""Greedy constrained clustering: strongest links first, refusing merges that break a veto.

Vetoes are pairs that can never share an incident (two different reference numbers of one
agency, different attempt numbers of a repeated contact), checked across whole clusters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class _Clusters:
    def __init__(self, size: int, agency_refs: Sequence[tuple[str, str] | None]) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}
        self.refs: dict[int, dict[str, str]] = {}
        for i, pair in enumerate(agency_refs):
            self.refs[i] = {pair[0]: pair[1]} if pair else {}

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

    def union(self, ra: int, rb: int) -> None:
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.refs[ra].update(self.refs.pop(rb))


def cluster(
    size: int,
    links: Iterable[tuple[int, int]],
    vetoes: Iterable[tuple[int, int]],
    agency_refs: Sequence[tuple[str, str] | None],
    forced: Iterable[tuple[int, int]] = (),
    attachments: Iterable[tuple[int, int]] = (),
) -> list[list[int]]:
    """Group indices 0..size-1 by applying `links` (index pairs) in the order given, skipping
    any merge that would put a vetoed pair, or two references of one agency, in one cluster.
    `forced` pairs (a chair's links) are joined first, whatever the scores or references say.
    `attachments` (entry, target) then join an entry still on its own to the target's cluster,
    under the same vetoes."""
    banned: dict[int, set[int]] = {}
    for a, b in vetoes:
        banned.setdefault(a, set()).add(b)
        banned.setdefault(b, set()).add(a)
    state = _Clusters(size, agency_refs)
    for a, b in forced:
        ra, rb = state.find(a), state.find(b)
        if ra != rb:
            state.union(ra, rb)
    for a, b in links:
        ra, rb = state.find(a), state.find(b)
        if ra != rb and state.compatible(ra, rb, banned):
            state.union(ra, rb)
    for a, b in attachments:
        ra, rb = state.find(a), state.find(b)
        if ra != rb and len(state.members[ra]) == 1 and state.compatible(ra, rb, banned):
            state.union(ra, rb)
    return [sorted(m) for m in state.members.values()]
