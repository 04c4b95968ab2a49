"""Re-merging the part of a review that changed: new rows, withdrawn rows, or a chair's override.

The neighbourhood of a change is every current entry that shares a blocking key with a changed
entry, widened to whole incidents (and to entries the chair linked), so incidents are never cut.
Only that neighbourhood is re-merged; incidents and conflicts that come out the same keep their
rows, the rest are closed at this position and replaced, which is what makes "as at" views cheap.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from projections.matching import (
    EntryFacts,
    MatchSettings,
    MergeResult,
    PersonAlias,
    RaisedConflict,
    blocking_keys,
    merge,
    review_model,
)
from projections.merged.lookup import incidents_of
from projections.merged.queue import store_questions
from projections.merged.tables import (
    conflicts,
    facts,
    incidents,
    keys,
    members,
    models,
    overrides,
    people,
    raised_conflicts,
)
from projections.set_queries import among

# Lookups by record, incident or conflict id do not also filter by review: those ids are derived
# from the review's own record ids, so they belong to one review, and a review filter would lead
# SQLite to walk the review's index (every current row) instead of the id's index, which made
# each re-merge cost grow with the size of the review.

# A review this size or smaller is re-merged whole on every file or glossary change, so its
# chronology is exactly what one merge of all its entries gives, whatever order files arrived in.
# Real reviews hold a few hundred to a few thousand rows; beyond this, only the neighbourhood of a
# change is re-merged. A chair's link or split always re-merges its neighbourhood only (`focused`),
# so an answer to the queue comes back within a second.
FULL_REMERGE_LIMIT = 5000

# Above that size, a large file (which touches every part of the review) is re-merged a slice of
# this many of its records at a time, in date order: each slice's neighbourhood is the part of the
# review around its dates, so no single merge holds the whole review in memory.
SLICE_RECORDS = 1000


def index_entries(
    connection: sa.Connection,
    review_id: str,
    rows: Sequence[dict[str, Any]],
    settings: MatchSettings,
) -> None:
    """Record the blocking keys of newly current entries."""
    key_rows = [
        {
            "review_id": review_id,
            "key": key,
            "record_id": row["record_id"],
            "entry_id": row["entry_id"],
        }
        for row in rows
        for key in blocking_keys(to_facts(row), settings)
    ]
    if key_rows:
        connection.execute(keys.insert(), key_rows)


def regroup(
    connection: sa.Connection,
    review_id: str,
    touched: set[str],
    position: int,
    settings: MatchSettings,
    focused: bool = False,
) -> None:
    """Re-merge the neighbourhood of `touched` entries and version what changed at `position`.

    A review above FULL_REMERGE_LIMIT is re-merged with `touched` as the focus: only pairs
    involving a touched entry, or within one of the neighbourhood's current incidents, are
    scored again (see docs/matching.md, "Focused re-merge"), a date-ordered slice at a time.
    `focused` re-merges a review of any size that way (a chair's answer to one question, which
    must come back within a second)."""
    if len(touched) > SLICE_RECORDS and _review_size(connection, review_id) > FULL_REMERGE_LIMIT:
        for piece in _date_ordered_slices(connection, touched):
            _regroup(connection, review_id, piece, position, settings)
        return
    _regroup(connection, review_id, touched, position, settings, focused)


def regroup_review(
    connection: sa.Connection, review_id: str, position: int, settings: MatchSettings
) -> None:
    """Re-merge every current record of the review (after a change that concerns them all,
    such as what the records may call a person)."""
    everyone = set(
        connection.execute(
            sa.select(facts.c.record_id).where(
                facts.c.review_id == review_id, facts.c.valid_to.is_(None)
            )
        ).scalars()
    )
    if everyone:
        regroup(connection, review_id, everyone, position, settings)


def _people(connection: sa.Connection, review_id: str) -> list[PersonAlias]:
    """The review's people as the matcher's input, in a fixed order."""
    rows = connection.execute(
        sa.select(people).where(people.c.review_id == review_id).order_by(people.c.pseudonym)
    )
    return [PersonAlias(r.pseudonym, tuple(r.names), r.role) for r in rows]


def _regroup(
    connection: sa.Connection,
    review_id: str,
    touched: set[str],
    position: int,
    settings: MatchSettings,
    focused: bool = False,
) -> None:
    whole, neighbourhood = _neighbourhood(connection, review_id, touched, focused)
    entries = _current_entries(connection, review_id, neighbourhood, whole)
    current = {e.entry_id for e in entries}
    must_link, cannot_link = _overrides(connection, review_id, current)
    old_incidents = _incidents_containing(connection, review_id, neighbourhood)
    focus: frozenset[str] | None = None
    prior: list[list[str]] = []
    if not whole:
        focus = frozenset(touched)
        prior = [list(row["entry_ids"]) for row in old_incidents.values()]
    people_named = _people(connection, review_id)
    held = _current_model(connection, review_id)
    result = merge(
        entries,
        people_named,
        settings
        if whole
        else _model_for_parts(connection, review_id, people_named, held, position, settings),
        must_link=must_link,
        cannot_link=cannot_link,
        focus=focus,
        prior_groups=prior,
        estimate_model=whole,
        raised=_raised(connection, review_id, current),
    )
    if whole:
        _keep_model(
            connection,
            review_id,
            held,
            len(entries),
            result.weights,
            result.link_threshold,
            position,
        )
    del entries
    _replace(connection, review_id, old_incidents, result, position)
    kept = {entry for members in result.kept for entry in members}
    store_questions(connection, review_id, result.questions, None if whole else current, kept)


# Records sampled across a large review to estimate its model (matching/model.py): enough for a
# steady estimate, few enough that an increment builds their profiles in a blink.
MODEL_SAMPLE = 800


# A large review's model is estimated again once its size has moved this much since.
REESTIMATE_AFTER = 0.1


def _current_model(connection: sa.Connection, review_id: str) -> sa.Row[Any] | None:
    return connection.execute(
        sa.select(models).where(models.c.review_id == review_id, models.c.valid_to.is_(None))
    ).first()


def _keep_model(
    connection: sa.Connection,
    review_id: str,
    held: sa.Row[Any] | None,
    records: int,
    weights: Mapping[str, Mapping[str, float]],
    link_threshold: float,
    position: int,
) -> None:
    """Record the model a merge used, as a new version only when it differs from the last."""
    plain = {f: {level: float(w) for level, w in levels.items()} for f, levels in weights.items()}
    if held is not None and held.weights == plain and held.link_threshold == link_threshold:
        return
    if held is not None:
        connection.execute(
            models.update()
            .where(models.c.review_id == review_id, models.c.valid_to.is_(None))
            .values(valid_to=position)
        )
    connection.execute(
        models.insert().values(
            review_id=review_id,
            records=records,
            weights=plain,
            link_threshold=link_threshold,
            valid_from=position,
            valid_to=None,
        )
    )


def _model_for_parts(
    connection: sa.Connection,
    review_id: str,
    people_named: Sequence[PersonAlias],
    held: sa.Row[Any] | None,
    position: int,
    settings: MatchSettings,
) -> MatchSettings:
    """The review's model estimated on a sample of the whole review, so that a re-merge of one
    neighbourhood weighs evidence as a merge of the whole review would. Estimated again only
    when the review has grown or shrunk by REESTIMATE_AFTER, so an increment rarely pays for it;
    the same events in the same order always give the same model, so a rebuild reproduces it."""
    size = max(1, _review_size(connection, review_id))
    if held is not None and abs(size - held.records) <= REESTIMATE_AFTER * held.records:
        weights = {
            f: {lv: float(w) for lv, w in levels.items()} for f, levels in held.weights.items()
        }
        return replace(settings, weights=weights, link_threshold=float(held.link_threshold))
    estimated = review_model(_sample(connection, review_id, size), people_named, settings)
    _keep_model(
        connection, review_id, held, size, estimated.weights, estimated.link_threshold, position
    )
    return estimated


def _sample(connection: sa.Connection, review_id: str, size: int) -> list[EntryFacts]:
    """About MODEL_SAMPLE current records of the review: those whose ids fall in a fixed slice
    of the id space (ids are uniform hashes), found through the record index."""
    share = min(1.0, MODEL_SAMPLE / size)
    bound = f"{int(share * 0xFFFFFFFF):08x}" if share < 1.0 else "g"
    # By the record index alone (a review filter would walk the review's index instead); other
    # reviews' records in the slice are dropped here.
    rows = connection.execute(
        sa.select(facts.c.review_id, *_MATCHER_COLUMNS).where(
            facts.c.record_id < bound, facts.c.valid_to.is_(None)
        )
    )
    return [to_facts(row._mapping) for row in rows if row.review_id == review_id]


def to_facts(row: Mapping[Any, Any]) -> EntryFacts:
    """A facts-table row as the matcher's input."""
    return EntryFacts(
        entry_id=row["record_id"],
        agency=row["agency"],
        file_name=row["file_name"],
        row=row["row"],
        earliest=date.fromisoformat(row["earliest"]) if row["earliest"] else None,
        latest=date.fromisoformat(row["latest"]) if row["latest"] else None,
        precision=row["precision"],
        approximate=bool(row["approximate"]),
        date_text=row["date_text"],
        time=row["time"],
        fields=row["fields"],
    )


def conflict_digest(entry_ids: Iterable[str], entry_rows: dict[str, dict[str, Any]]) -> str:
    """What the conflicting entries say, fingerprinted to notice when a decision's basis moves."""
    content = [
        [e, entry_rows[e]["date_text"], entry_rows[e]["time"], entry_rows[e]["cells"]]
        for e in sorted(entry_ids)
        if e in entry_rows
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _review_size(connection: sa.Connection, review_id: str) -> int:
    """How many records the review holds now."""
    current = sa.select(facts.c.record_id).where(
        facts.c.review_id == review_id, facts.c.valid_to.is_(None)
    )
    return int(
        connection.execute(sa.select(sa.func.count()).select_from(current.subquery())).scalar_one()
    )


def _date_ordered_slices(connection: sa.Connection, touched: set[str]) -> list[set[str]]:
    """`touched` in slices of SLICE_RECORDS, by each record's earliest date (undated last)."""
    earliest: dict[str, str] = {}
    ordered = sorted(touched)
    for start in range(0, len(ordered), SLICE_RECORDS):
        rows = connection.execute(
            sa.select(facts.c.record_id, facts.c.earliest).where(
                among(facts.c.record_id, ordered[start : start + SLICE_RECORDS])
            )
        )
        for record, day in rows:
            earliest[record] = min(earliest.get(record, "9999"), day or "9999")
    by_date = sorted(touched, key=lambda record: (earliest.get(record, "9999"), record))
    return [
        set(by_date[start : start + SLICE_RECORDS])
        for start in range(0, len(by_date), SLICE_RECORDS)
    ]


def _neighbourhood(
    connection: sa.Connection, review_id: str, touched: set[str], focused: bool = False
) -> tuple[bool, set[str]]:
    """(whole review?, record ids to re-merge); `focused` asks for the neighbourhood alone
    whatever the review's size."""
    current = sa.select(facts.c.record_id).where(
        facts.c.review_id == review_id, facts.c.valid_to.is_(None)
    )
    if not focused and _review_size(connection, review_id) <= FULL_REMERGE_LIMIT:
        return True, set(connection.execute(current).scalars()) | touched
    # Each step is its own query over a set of ids sent as one value: nested in one statement,
    # PostgreSQL planned the join against freshly loaded keys as a nested loop (minutes a slice).
    found = set(touched)
    touched_keys = _distinct(
        connection, sa.select(keys.c.key).where(among(keys.c.record_id, touched))
    )
    found |= _distinct(
        connection,
        sa.select(keys.c.record_id).where(
            keys.c.review_id == review_id, among(keys.c.key, touched_keys)
        ),
    )
    found |= _linked_to(connection, review_id, found)
    # Whole incidents, so re-merging never cuts one in two.
    incident_ids = incidents_of(connection, found)
    found |= _distinct(
        connection, sa.select(members.c.record_id).where(among(members.c.incident_id, incident_ids))
    )
    return False, found


def _distinct(connection: sa.Connection, query: sa.Select[tuple[str]]) -> set[str]:
    return set(connection.execute(query).scalars())


def _linked_to(connection: sa.Connection, review_id: str, records: set[str]) -> set[str]:
    """Records the chair linked to any of `records` (so a link always re-merges both sides)."""
    linked: set[str] = set()
    query = sa.select(overrides.c.entry_ids).where(
        overrides.c.review_id == review_id, overrides.c.kind == "link"
    )
    groups = [set(ids) for ids in connection.execute(query).scalars()]
    changed = True
    while changed:
        changed = False
        for group in groups:
            if group & (records | linked) and not group <= (records | linked):
                linked |= group
                changed = True
    return linked


def _current_facts(
    connection: sa.Connection, review_id: str, record_ids: set[str]
) -> dict[str, dict[str, Any]]:
    query = sa.select(facts).where(among(facts.c.record_id, record_ids), facts.c.valid_to.is_(None))
    return {row.record_id: dict(row._mapping) for row in connection.execute(query)}


_MATCHER_COLUMNS = (
    facts.c.record_id,
    facts.c.agency,
    facts.c.file_name,
    facts.c.row,
    facts.c.earliest,
    facts.c.latest,
    facts.c.precision,
    facts.c.approximate,
    facts.c.date_text,
    facts.c.time,
    facts.c.fields,
)


def _current_entries(
    connection: sa.Connection, review_id: str, record_ids: set[str], whole: bool
) -> list[EntryFacts]:
    """The matcher's input for these current records: only the columns it reads (not the
    verbatim cells and header), turned into EntryFacts row by row."""
    query = sa.select(*_MATCHER_COLUMNS).where(facts.c.valid_to.is_(None))
    if whole:
        query = query.where(facts.c.review_id == review_id)
    else:
        query = query.where(among(facts.c.record_id, record_ids))
    return [
        to_facts(row._mapping)
        for row in connection.execute(query)
        if whole or row.record_id in record_ids
    ]


def _overrides(
    connection: sa.Connection, review_id: str, entry_ids: set[str]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The chair's links and splits among these entries; a later decision on a pair wins."""
    verdicts: dict[tuple[str, str], bool] = {}
    query = (
        sa.select(overrides)
        .where(overrides.c.review_id == review_id, overrides.c.kind.in_(("link", "split")))
        .order_by(overrides.c.position)
    )
    for row in connection.execute(query):
        ids = [e for e in row.entry_ids if e in entry_ids]
        if row.kind == "link":
            pairs = [(a, b) for i, a in enumerate(sorted(ids)) for b in sorted(ids)[i + 1 :]]
        else:
            split, others = row.entry_ids[0], row.entry_ids[1:]
            pairs = [
                tuple(sorted((split, o))) for o in others if split in entry_ids and o in entry_ids
            ]
        for pair in pairs:
            verdicts[(pair[0], pair[1])] = row.kind == "link"
    return (
        [p for p, linked in verdicts.items() if linked],
        [p for p, linked in verdicts.items() if not linked],
    )


def _raised(connection: sa.Connection, review_id: str, entry_ids: set[str]) -> list[RaisedConflict]:
    """The conflicts the chair raised with two or more of their rows among these entries (the
    rest of their rows are not current, or lie elsewhere in the review), in the order raised;
    the same kind raised again on the same rows is one marker, with its first words."""
    query = (
        sa.select(raised_conflicts)
        .where(raised_conflicts.c.review_id == review_id)
        .order_by(raised_conflicts.c.position)
    )
    found: dict[str, RaisedConflict] = {}
    for row in connection.execute(query):
        rows = tuple(e for e in row.entry_ids if e in entry_ids)
        if len(rows) >= 2 and row.conflict_key not in found:
            found[row.conflict_key] = RaisedConflict(
                row.conflict_key, row.kind, rows, row.description, row.raised_by, row.raised_at
            )
    return list(found.values())


def _incidents_containing(
    connection: sa.Connection, review_id: str, entry_ids: set[str]
) -> dict[str, dict[str, Any]]:
    query = sa.select(incidents).where(
        among(incidents.c.incident_id, incidents_of(connection, entry_ids)),
        incidents.c.valid_to.is_(None),
    )
    return {row.incident_id: dict(row._mapping) for row in connection.execute(query)}


def _replace(
    connection: sa.Connection,
    review_id: str,
    old: dict[str, dict[str, Any]],
    result: MergeResult,
    position: int,
) -> None:
    new = {i.id: i for i in result.incidents}
    kept = {
        incident_id
        for incident_id, row in old.items()
        if tuple(sorted(row["entry_ids"])) in result.kept
    }
    if len(kept) != len(result.kept):
        raise RuntimeError("a re-merge kept an incident the read model does not hold")
    unchanged = kept | {
        incident_id
        for incident_id, row in old.items()
        if incident_id in new
        and _incident_row(review_id, new[incident_id], position) | {"valid_from": row["valid_from"]}
        == {k: v for k, v in row.items() if k != "valid_to"}
    }
    retired = [i for i in old if i not in unchanged]
    if retired:
        connection.execute(
            incidents.update()
            .where(among(incidents.c.incident_id, retired), incidents.c.valid_to.is_(None))
            .values(valid_to=position)
        )
        connection.execute(members.delete().where(among(members.c.incident_id, retired)))
    added = [new[i] for i in new if i not in unchanged]
    if added:
        connection.execute(
            incidents.insert(), [_incident_row(review_id, i, position) for i in added]
        )
        connection.execute(
            members.delete().where(
                among(members.c.record_id, [e for i in added for e in i.entry_ids])
            )
        )
        connection.execute(
            members.insert(),
            [
                {"record_id": e, "review_id": review_id, "incident_id": i.id}
                for i in added
                for e in i.entry_ids
            ],
        )
    # A kept incident's conflicts stand as they are.
    _replace_conflicts(connection, review_id, (set(old) - kept) | set(new), result, position)


def _replace_conflicts(
    connection: sa.Connection,
    review_id: str,
    incident_ids: set[str],
    result: MergeResult,
    position: int,
) -> None:
    old = {
        row.conflict_key: dict(row._mapping)
        for row in connection.execute(
            sa.select(conflicts).where(
                among(conflicts.c.incident_id, incident_ids), conflicts.c.valid_to.is_(None)
            )
        )
    }
    entry_rows = _current_facts(
        connection, review_id, {e for c in result.conflicts for e in c.entry_ids}
    )
    new = {c.key: _conflict_row(review_id, c, entry_rows, position) for c in result.conflicts}
    same = {k for k in old if k in new and _comparable(old[k]) == _comparable(new[k])}
    retired = [k for k in old if k not in same]
    if retired:
        connection.execute(
            conflicts.update()
            .where(among(conflicts.c.conflict_key, retired), conflicts.c.valid_to.is_(None))
            .values(valid_to=position)
        )
    added = [row for key, row in new.items() if key not in same]
    if added:
        connection.execute(conflicts.insert(), added)


def _comparable(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["kind"],
        row["incident_id"],
        list(row["entry_ids"]),
        row["explanation"],
        round(row["confidence"], 6),
        row["digest"],
    )


def _incident_row(review_id: str, incident: Any, position: int) -> dict[str, Any]:
    return {
        "review_id": review_id,
        "incident_id": incident.id,
        "earliest": incident.earliest.isoformat() if incident.earliest else None,
        "latest": incident.latest.isoformat() if incident.latest else None,
        "precision": incident.precision,
        "explanation": incident.explanation,
        "entry_ids": list(incident.entry_ids),
        "valid_from": position,
    }


def _conflict_row(
    review_id: str, conflict: Any, entry_rows: dict[str, dict[str, Any]], position: int
) -> dict[str, Any]:
    return {
        "review_id": review_id,
        "conflict_key": conflict.key,
        "kind": conflict.kind,
        "incident_id": conflict.incident_id,
        "entry_ids": list(conflict.entry_ids),
        "explanation": conflict.explanation,
        "confidence": float(conflict.confidence),
        "digest": conflict_digest(conflict.entry_ids, entry_rows),
        "valid_from": position,
    }


@dataclass(frozen=True)
class ReviewInputs:
    """What a whole merge of a review reads: its current entries, its people, and the chair's
    links, splits and raised conflicts."""

    entries: list[EntryFacts]
    people: list[PersonAlias]
    must_link: list[tuple[str, str]]
    cannot_link: list[tuple[str, str]]
    raised: list[RaisedConflict]


def review_inputs(engine: sa.Engine, review_id: str) -> ReviewInputs:
    """What a whole merge of the review reads now (for replaying the merge elsewhere, as the
    simulated chair does)."""
    with engine.connect() as connection:
        entries = _current_entries(connection, review_id, set(), whole=True)
        current = {e.entry_id for e in entries}
        must_link, cannot_link = _overrides(connection, review_id, current)
        return ReviewInputs(
            entries,
            _people(connection, review_id),
            must_link,
            cannot_link,
            _raised(connection, review_id, current),
        )
