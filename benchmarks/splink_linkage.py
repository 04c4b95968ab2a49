"""A plain Splink model of the same entry facts the matcher reads, for benchmarks/splink_compare.py:
three comparisons, blocking on a date window, u by random sampling, m by EM, nothing tuned.

Needs the `bench` extra (`pip install -e '.[bench]'`: Splink with its DuckDB backend).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from projections.matching import EntryFacts

# Days either side of a record that blocking takes in; the date comparison's widest level.
WINDOW_DAYS = 3
# Splink's own default threshold for calling a pair a match.
MATCH_PROBABILITY = 0.5
# Random pairs for u: Splink's documentation calls 1e7 adequate (it warns below that).
U_PAIRS = 1e7

_WORD = re.compile(r"[a-z0-9]+")
# Titled pseudonyms as the reviews write them ("Adult A", "Mr B"), for rows with no person column.
_PERSON = re.compile(r"\b(?:Adult|Mr|Mrs|Ms|Miss|Child) [A-Z]{1,3}\b")


def splink_input(entries: Sequence[EntryFacts]) -> dict[str, list[Any]]:
    """The columns Splink compares: the day, the narrative's distinct lower-case words, and the
    people named (the person column split at ";" or ",", and titled pseudonyms in the text)."""
    columns: dict[str, list[Any]] = {"unique_id": [], "day": [], "tokens": [], "people": []}
    for entry in entries:
        text = entry.fields.get("summary") or entry.fields.get("event_type") or ""
        named = {p.strip().lower() for p in re.split(r"[;,]", entry.fields.get("subjects", ""))}
        named |= {p.lower() for p in _PERSON.findall(text)}
        columns["unique_id"].append(entry.entry_id)
        columns["day"].append(entry.earliest)
        columns["tokens"].append(sorted(set(_WORD.findall(text.lower()))))
        columns["people"].append(sorted(named - {""}))
    return columns


def _narrative() -> cl.CustomComparison:
    """Token Jaccard of the two narratives at 0.7 / 0.4 / 0.2, else; no words is null."""
    jaccard = (
        "len(list_intersect(tokens_l, tokens_r))"
        " / len(list_distinct(list_concat(tokens_l, tokens_r)))"
    )
    return cl.CustomComparison(
        [
            {
                "sql_condition": "len(tokens_l) = 0 OR len(tokens_r) = 0",
                "label_for_charts": "no words",
                "is_null_level": True,
            },
            *(
                {"sql_condition": f"{jaccard} >= {t}", "label_for_charts": f"Jaccard >= {t}"}
                for t in (0.7, 0.4, 0.2)
            ),
            {"sql_condition": "ELSE", "label_for_charts": "else"},
        ],
        output_column_name="narrative",
        comparison_description="token Jaccard of the narrative",
    )


def splink_groups(entries: Sequence[EntryFacts]) -> tuple[list[list[str]], dict[str, float]]:
    """Splink's clusters of `entries` (lists of entry ids) at MATCH_PROBABILITY, and what its
    model came to (pairs scored, the prior it estimated)."""
    connection = duckdb.connect()
    connection.execute("SET threads TO 1")
    database = DuckDBAPI(connection)
    table = database.register(splink_input(entries))
    window = (
        f"l.day BETWEEN r.day - INTERVAL {WINDOW_DAYS} DAY AND r.day + INTERVAL {WINDOW_DAYS} DAY"
    )
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.AbsoluteDateDifferenceAtThresholds(
                "day", input_is_string=False, metrics=["day", "day"], thresholds=[1, WINDOW_DAYS]
            ),
            _narrative(),
            cl.ArrayIntersectAtSizes("people", [2, 1]),
        ],
        blocking_rules_to_generate_predictions=[window],
    )
    linker = Linker(table, settings, log_level=logging.WARNING)
    linker.training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=1)
    # EM never estimates m for a comparison its blocking rule fixes: the date levels are
    # learnt from pairs naming the same people, the others from pairs in the date window
    # (whose pass also sets the prior, from what EM found among the blocked pairs).
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("people"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        window, populate_probability_two_random_records_match_from_trained_values=True
    )
    predictions = linker.inference.predict()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, MATCH_PROBABILITY
    )
    groups: dict[Any, list[str]] = defaultdict(list)
    for record in clusters.as_record_list():
        groups[record["cluster_id"]].append(str(record["unique_id"]))
    pairs = connection.execute(f"SELECT count(*) FROM {predictions.physical_name}").fetchone()
    return list(groups.values()), {
        "pairs": float(pairs[0] if pairs else 0),
        "prior": float(linker.misc.save_model_to_json()["probability_two_random_records_match"]),
    }
