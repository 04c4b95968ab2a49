"""Public API contract: stable ids and keys, order independence, blocking and settings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from projections.matching import EntryFacts, blocking_keys, load_settings, merge


def entry(
    entry_id: str,
    day: date,
    summary: str,
    *,
    agency: str = "Police",
    time: str | None = None,
    reference: str = "",
) -> EntryFacts:
    return EntryFacts(
        entry_id=entry_id,
        agency=agency,
        file_name=f"{agency.lower()}.csv",
        row=int(entry_id[1:]) if entry_id[1:].isdigit() else 1,
        earliest=day,
        latest=day,
        precision="day",
        approximate=False,
        date_text=day.strftime("%d/%m/%Y"),
        time=time,
        fields={"summary": summary, "reference": reference},
    )


SAMPLE = [
    entry(
        "p1",
        date(2014, 4, 13),
        "B called police; C taken to mother's. DIAL submitted to MASH: YES.",
        time="04:18",
    ),
    entry(
        "i1",
        date(2014, 4, 13),
        "Log records a DIAL was submitted; no DIAL was received by MASH.",
        agency="Investigator",
        time="04:18",
    ),
    entry("h1", date(2012, 1, 5), "Routine appointment, no concerns.", agency="Hospital"),
]


def test_merge_is_independent_of_input_order() -> None:
    forwards = merge(SAMPLE)

    backwards = merge(list(reversed(SAMPLE)))

    assert forwards == backwards


def test_conflict_keys_and_incident_ids_survive_adding_unrelated_entries() -> None:
    before = merge(SAMPLE)

    after = merge(
        [
            *SAMPLE,
            entry("x9", date(2016, 7, 1), "Unrelated letter about rent arrears.", agency="Housing"),
        ]
    )

    assert {c.key for c in before.conflicts} <= {c.key for c in after.conflicts}
    assert {i.id for i in before.incidents} <= {i.id for i in after.incidents}


def test_entries_far_apart_in_time_share_no_blocking_key() -> None:
    early = entry("a1", date(2012, 1, 5), "Call.", agency="Police")
    late = entry("b1", date(2012, 3, 20), "Call.", agency="Hospital")

    shared = blocking_keys(early) & blocking_keys(late)

    assert not shared


def test_same_day_and_month_a_year_apart_and_transposed_days_share_a_key() -> None:
    base = entry("a1", date(2014, 10, 23), "x", agency="Police")
    year_out = entry("b1", date(2013, 10, 23), "x", agency="Investigator")
    swapped = entry("c1", date(2014, 4, 3), "x", agency="Hospital")
    original = entry("d1", date(2014, 3, 4), "x", agency="Housing")

    year_keys = blocking_keys(base) & blocking_keys(year_out)
    swap_keys = blocking_keys(swapped) & blocking_keys(original)

    assert year_keys and swap_keys


def test_rows_sharing_a_reference_share_a_blocking_key_whatever_their_dates() -> None:
    first = entry("a1", date(2014, 10, 23), "x", reference="REF-1")
    later = entry("a9", date(2014, 11, 30), "x", reference="REF-1")

    shared = blocking_keys(first) & blocking_keys(later)

    assert "ref:REF-1" in shared


def test_load_settings_reads_a_review_specific_copy(tmp_path: Path) -> None:
    package = Path(__file__).resolve().parents[2] / "projections" / "matching" / "settings.json"
    data = json.loads(package.read_text(encoding="utf-8"))
    data["link_threshold"] = 99.0
    custom = tmp_path / "settings.json"
    custom.write_text(json.dumps(data), encoding="utf-8")

    settings = load_settings(str(custom))

    assert settings.link_threshold == 99.0
    assert all(len(i.entry_ids) == 1 for i in merge(SAMPLE, settings=settings).incidents)


def _package_settings() -> dict[str, object]:
    package = Path(__file__).resolve().parents[2] / "projections" / "matching" / "settings.json"
    data: dict[str, object] = json.loads(package.read_text(encoding="utf-8"))
    return data


def test_every_number_the_matcher_uses_comes_from_the_settings_file() -> None:
    data = _package_settings()
    rules = data["conflict_rules"]
    assert isinstance(rules, dict)

    settings = load_settings()

    assert settings.conflict_rules.time_tolerance_minutes == rules["time_tolerance_minutes"]
    assert settings.date_rules.within_fortnight == 14
    assert settings.model_estimation.min_records == 100


@pytest.mark.parametrize(
    ("section", "key", "message"),
    [
        ("conflict_rules", "time_tolerance_minutes", "time_tolerance_minutes"),
        ("blocking", "window", "window"),
        ("model_estimation", "prior_pairs", "prior_pairs"),
    ],
)
def test_a_settings_file_missing_a_number_is_refused_naming_it(
    tmp_path: Path, section: str, key: str, message: str
) -> None:
    data = _package_settings()
    part = data[section]
    assert isinstance(part, dict)
    del part[key]
    custom = tmp_path / "settings.json"
    custom.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(ValueError, match=rf"'{section}' section.*{message}"):
        load_settings(str(custom))


def test_a_misspelt_key_in_a_settings_file_is_refused(tmp_path: Path) -> None:
    data = _package_settings()
    part = data["time_levels"]
    assert isinstance(part, dict)
    part["hour_slak"] = part.pop("hour_slack")
    custom = tmp_path / "settings.json"
    custom.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(ValueError, match="hour_sla"):
        load_settings(str(custom))
