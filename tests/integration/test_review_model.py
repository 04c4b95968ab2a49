"""The linkage model a review's merge used is kept with the merged chronology, versioned by
position, on both stores; a review large enough to estimate its own model moves the priors."""

from __future__ import annotations

from pathlib import Path

from api.workspace import Workspace
from projections.matching import load_settings


def test_the_model_of_each_merge_is_kept_and_shown_as_at(workspace: Workspace, dhr7: Path) -> None:
    workspace.import_file(
        (dhr7 / "wmas_ambulance.csv").read_bytes(), "wmas_ambulance.csv", "DHR 7", "WMAS", "a"
    )
    small = workspace.model("DHR 7")
    for path in sorted(dhr7.glob("*.csv")):
        if path.name != "wmas_ambulance.csv":
            workspace.import_file(path.read_bytes(), path.name, "DHR 7", path.stem, "b")
    now = workspace.model("DHR 7")

    assert small is not None and now is not None
    priors = load_settings()
    # 14 rows: too few to estimate anything, so the priors stand.
    assert small.records == 14
    assert all(level.weight == level.prior_weight for level in small.levels)
    # With every agency's file there are enough rows: chance agreement in wording is this
    # review's own, and the levels' weights move off the priors.
    assert now.records > 100
    text = {level.level: level for level in now.levels if level.comparison == "text"}
    assert text and any(
        level.weight != priors.weights["text"][name] for name, level in text.items()
    )
    assert now.link_threshold == priors.link_threshold
    # As at the first merge, the model shown is the one that merge used.
    assert workspace.model("DHR 7", small.since_position) == small
