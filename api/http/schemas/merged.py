"""Bodies for the merged chronology, its conflicts, and scoring it against a ground truth."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class MergedEntryOut(BaseModel):
    """One agency's account within an incident."""

    entry_id: str
    record_id: str
    agency: str
    file: str
    row: int
    line: int
    date: str
    date_precision: str
    time: str | None
    summary: str
    fields: dict[str, str]
    cells: dict[str, str]


class IncidentOut(BaseModel):
    """Entries judged to be one incident."""

    id: str
    date: str | None
    end_date: str | None
    date_precision: str
    explanation: str
    entries: list[MergedEntryOut]
    notes: list[dict[str, str]]


class ConflictOut(BaseModel):
    """A conflict marker, its status and the chair's decision (`version`: see expected_version)."""

    key: str
    kind: str
    incident: str
    entries: list[dict[str, Any]]
    explanation: str
    confidence: float
    status: str
    decision: dict[str, Any] | None
    needs_review_because: str | None
    version: int


class MergedOut(BaseModel):
    """The merged chronology of a review as at one event position."""

    review: str
    as_at_position: int
    incidents: list[IncidentOut]
    conflicts: list[ConflictOut]


class ConflictsOut(BaseModel):
    """A review's conflicts as at one event position."""

    review: str
    as_at_position: int
    conflicts: list[ConflictOut]


class TruthIncident(BaseModel):
    """A true incident: its entries as [file name, row]."""

    model_config = ConfigDict(extra="allow")

    entries: list[tuple[str, int]]


class TruthConflict(BaseModel):
    """A true conflict: its id, kind and entries as [file name, row]."""

    model_config = ConfigDict(extra="allow")

    id: str
    kind: str
    entries: list[tuple[str, int]]
    description: str = ""


class GroundTruth(BaseModel):
    """A ground truth in the DHR 7 fixture's format (ground_truth.json)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "incidents": [
                        {"id": "I001", "entries": [["sha_housing.csv", 1], ["stoke_csc.csv", 3]]}
                    ],
                    "conflicts": [
                        {
                            "id": "C01",
                            "kind": "date",
                            "entries": [
                                ["staffordshire_police.csv", 40],
                                ["ipcc_investigation.csv", 2],
                            ],
                        }
                    ],
                }
            ]
        },
    )

    incidents: list[TruthIncident] = Field(default_factory=list)
    conflicts: list[TruthConflict] = Field(default_factory=list)


class EvaluationOut(BaseModel):
    """Pairwise grouping scores and conflict recall/precision."""

    pair_precision: float
    pair_recall: float
    pair_f1: float
    conflict_recall: float
    conflict_precision: float
    true_pairs: int
    predicted_pairs: int
    missed_conflicts: list[str] = Field(description="ids of true conflicts the merge did not find")
