"""What a chronology page was asked to show, from its GET query (so every view is a shareable link).

Filters (agency, person, date range, conflicts only), a text search, an "as at" moment in UK local
time, and the timeline's window (a year or a month). Empty form fields mean "no filter".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Request

from api.merged_rendering import MergedFilter, filtered
from api.web.markers import KIND_LABELS
from domain.errors import ChronologyError
from projections.merged.view import MergedView, ViewIncident

# Reviews in England and Wales: a moment typed without a zone is UK local time (as the CLI).
LOCAL_ZONE = ZoneInfo("Europe/London")
WINDOW_PATTERN = re.compile(r"^\d{4}(-\d{2})?$")
LONGEST_TEXT = 200


class QueryError(ChronologyError):
    """Raised when a chronology page's query holds a date, moment or window it cannot read."""


@dataclass(frozen=True)
class ChronologyQuery:
    """The filters, search, moment and window of one chronology or timeline page."""

    agency: str = ""
    person: str = ""
    date_from: str = ""
    date_to: str = ""
    conflicts_only: bool = False
    search: str = ""
    as_at: str = ""
    window: str = ""
    kind: str = ""  # only incidents with a conflict of this kind
    page: int = 1

    @classmethod
    def from_request(cls, request: Request) -> ChronologyQuery:
        """Read the query parameters, checking dates, the moment and the window."""
        params = request.query_params
        text = {
            k: params.get(k, "").strip()[:LONGEST_TEXT]
            for k in ("agency", "person", "from", "to", "q", "as_at", "window", "kind", "page")
        }
        query = cls(
            agency=text["agency"],
            person=text["person"],
            date_from=text["from"],
            date_to=text["to"],
            conflicts_only=params.get("conflicts") == "1",
            search=text["q"],
            as_at=text["as_at"],
            window=text["window"],
            kind=text["kind"] if text["kind"] in KIND_LABELS else "",
            page=max(1, int(text["page"]))
            if text["page"].isdigit() and len(text["page"]) < 7
            else 1,
        )
        query.check()
        return query

    def check(self) -> None:
        """Raise QueryError naming the first value that cannot be read."""
        for label, value in (("from", self.date_from), ("to", self.date_to)):
            if value and not _is_date(value):
                raise QueryError(f"the '{label}' date {value!r} is not a date like 2012-06-16")
        if self.window and not _is_window(self.window):
            raise QueryError(
                f"the timeline window {self.window!r} should be a year (2012) or a month (2012-06)"
            )
        self.moment()

    def moment(self) -> datetime | None:
        """The "as at" moment as an aware date-time (UK local time unless a zone was given)."""
        if not self.as_at:
            return None
        try:
            moment = datetime.fromisoformat(self.as_at)
        except ValueError:
            raise QueryError(
                f"the 'as at' moment {self.as_at!r} should look like 2018-01-15T12:00"
            ) from None
        return moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_ZONE)

    def merged_filter(self) -> MergedFilter:
        """The filter the CLI and API use, from this query."""
        return MergedFilter(
            conflicts_only=self.conflicts_only,
            agency=self.agency or None,
            person=self.person or None,
            date_from=self.date_from or None,
            date_to=self.date_to or None,
        )

    def apply(self, view: MergedView) -> MergedView:
        """The view with the filters and the text search applied."""
        chosen = filtered(view, self.merged_filter())
        if not self.search and not self.kind:
            return chosen
        of_kind = {c.incident for c in chosen.conflicts if c.kind == self.kind}
        kept = [
            i
            for i in chosen.incidents
            if (not self.search or _matches(i, self.search)) and (not self.kind or i.id in of_kind)
        ]
        ids = {i.id for i in kept}
        return replace(
            chosen, incidents=kept, conflicts=[c for c in chosen.conflicts if c.incident in ids]
        )

    def link(self, **changes: str | bool | int) -> str:
        """This query as a URL query string, with some values changed."""
        values = replace(self, **changes)  # type: ignore[arg-type]
        pairs = {
            "agency": values.agency,
            "person": values.person,
            "from": values.date_from,
            "to": values.date_to,
            "conflicts": "1" if values.conflicts_only else "",
            "q": values.search,
            "as_at": values.as_at,
            "window": values.window,
            "kind": values.kind,
            "page": str(values.page) if values.page > 1 else "",
        }
        return urlencode({k: v for k, v in pairs.items() if v})

    @property
    def filtering(self) -> bool:
        """True when any filter or search narrows the chronology."""
        return bool(
            self.agency
            or self.person
            or self.date_from
            or self.date_to
            or self.conflicts_only
            or self.search
            or self.kind
        )


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_window(text: str) -> bool:
    if not WINDOW_PATTERN.match(text):
        return False
    month = int(text[5:]) if len(text) == 7 else 1
    return 1 <= int(text[:4]) <= 9998 and 1 <= month <= 12


def _matches(incident: ViewIncident, search: str) -> bool:
    wanted = search.casefold()
    for entry in incident.entries:
        texts = [entry.summary, entry.agency, entry.date, *entry.cells.values()]
        if any(wanted in text.casefold() for text in texts):
            return True
    return False
