"""Bodies for reviews: opening one, and what a listing or summary shows."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ReviewNameText = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^/\\\x00-\x1f]+$"
    ),
]


class ReviewCreate(BaseModel):
    """A review to open."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "DHR 7"}]})

    name: ReviewNameText = Field(
        description="The review's name; agencies and chairs are given it by name."
    )


class ReviewSummary(BaseModel):
    """A review as listed."""

    name: str
    opened_by: str
    opened_at: str


class AgencySubmissions(BaseModel):
    """How many files one agency has sent, and the ones that stand now."""

    agency: str
    submissions: int
    current_submission_id: str | None = Field(description="the agency's latest standing file")
    current_submission_ids: list[str] = Field(
        description="every file of the agency that stands (a second chronology stands beside "
        "the first; a corrected file replaces the one it corrects)"
    )


class ReviewDetail(ReviewSummary):
    """A review with the agencies that have sent chronologies."""

    agencies: list[AgencySubmissions]
