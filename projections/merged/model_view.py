"""The linkage model a review's merge used, as at any position: each comparison level with its
m (the prior, fitted on the training reviews), its u (this review's chance agreement) and the
weight it added, like Splink's match-weights chart."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from projections.matching import load_settings
from projections.merged.tables import models


@dataclass(frozen=True)
class ModelLevel:
    """One level of one comparison: m, the review's u, its weight, and the prior weight."""

    comparison: str
    level: str
    m: float
    u: float
    weight: float
    prior_weight: float


@dataclass(frozen=True)
class ModelView:
    """The model of one merge: the level weights, the threshold, the size estimated on."""

    records: int
    link_threshold: float
    since_position: int
    levels: list[ModelLevel]


def model_view(engine: sa.Engine, review_id: str, position: int) -> ModelView | None:
    """The model the review's merged chronology was made with as at `position` (None before
    its first merge)."""
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(models).where(
                models.c.review_id == review_id,
                models.c.valid_from <= position,
                sa.or_(models.c.valid_to.is_(None), models.c.valid_to > position),
            )
        ).first()
    if row is None:
        return None
    priors = load_settings()
    levels = []
    for comparison, weights in sorted(row.weights.items()):
        for level, weight in weights.items():
            m, _u = priors.probabilities.get(comparison, {}).get(level, (1.0, 1.0))
            levels.append(
                ModelLevel(
                    comparison=comparison,
                    level=level,
                    m=m,
                    u=m / 2.0 ** float(weight),
                    weight=float(weight),
                    prior_weight=priors.weights.get(comparison, {}).get(level, 0.0),
                )
            )
    return ModelView(row.records, float(row.link_threshold), int(row.valid_from), levels)
