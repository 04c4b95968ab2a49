"""The kinds of disagreement a conflict marker names, the detectors' and the chair's alike."""

CONFLICT_KINDS = (
    "date",
    "time",
    "account",
    "attribution",
    "status",
    "identity",
    "location",
    "count",
    "other",
)
