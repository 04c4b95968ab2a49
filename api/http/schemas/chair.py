"""Bodies for the chair's decisions and the people glossary. "Who" is never in a body: it is the
authenticated user."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from domain.conflict_kinds import CONFLICT_KINDS
from domain.decisions import Decision

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]
RequiredText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)
]
ConflictKind = Annotated[str, StringConstraints(pattern=f"^({'|'.join(CONFLICT_KINDS)})$")]
EntryRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=4, max_length=80)]


class ResolveIn(BaseModel):
    """How the chair resolves a conflict."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "decision": "disputed",
                    "rationale": "Both accounts stand; the IPCC timeline is from CAD logs.",
                    "expected_version": 0,
                }
            ]
        }
    )

    decision: Decision
    accept: EntryRef | None = Field(
        default=None, description="with decision=accept: the entry that stands"
    )
    rationale: RequiredText
    expected_version: int | None = Field(
        default=None,
        ge=0,
        description="the conflict's version you looked at; 409 if it has moved on",
    )


class ReopenIn(BaseModel):
    """Why a resolved conflict is reopened."""

    rationale: RequiredText
    expected_version: int | None = Field(default=None, ge=0)


class DecisionRecorded(BaseModel):
    """A decision was recorded; `version` is what to send as expected_version next time."""

    conflict: str
    version: int
    decided_by: str


class LinkIn(BaseModel):
    """Entries (entry or record ids, or unambiguous prefixes) that are one incident."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "entries": ["3f2a9c1e", "9b7d0a44"],
                    "rationale": "Same call-out, police and ambulance.",
                }
            ]
        }
    )

    entries: list[EntryRef] = Field(min_length=2, max_length=200)
    rationale: Text = ""


class UnlinkIn(BaseModel):
    """An entry to split out of the incident it is grouped in."""

    entry: EntryRef
    rationale: Text = ""


class RaiseConflictIn(BaseModel):
    """Entries of one incident whose accounts disagree where no detector marked it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "entries": ["3f2a9c1e", "9b7d0a44"],
                    "kind": "account",
                    "description": "She told the hospital she fell; the police that he pushed her.",
                }
            ]
        }
    )

    entries: list[EntryRef] = Field(min_length=2, max_length=200)
    kind: ConflictKind = Field(description="what they disagree on: " + ", ".join(CONFLICT_KINDS))
    description: Text = ""


class ConflictRaisedOut(BaseModel):
    """A conflict marker the chair raised; its key takes decisions like any marker's."""

    conflict: str
    recorded_by: str


class NoteIn(BaseModel):
    """A panel note on an entry, an incident (inc-...) or a conflict key."""

    target: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    text: RequiredText


class Recorded(BaseModel):
    """A change was recorded by the named user."""

    recorded_by: str


class PersonIn(BaseModel):
    """A person the review names: the published pseudonym, the real name, role and aliases."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"real_name": "Jane Example", "role": "victim", "aliases": ["Janey"]}]
        }
    )

    real_name: Text = ""
    role: Text = ""
    aliases: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=list, max_length=50
    )


class PersonOut(BaseModel):
    """One person in the glossary."""

    pseudonym: str
    real_name: str
    role: str
    aliases: list[str]
