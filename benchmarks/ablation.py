"""What each of the matcher's remaining rules earns: the blind reviews' figures with the rule
switched off, beside the figures with everything on.

    python benchmarks/ablation.py [REVIEW ...]

Each rule is switched off by replacing the function that applies it with one that does
nothing (or, for the clustering criterion, by its plain alternative), in this process only.
A rule that earns nothing on the blind reviews has no place in the matcher (docs/matching.md).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.blind_reviews import BLIND, DEFAULT, folder_of, load_review  # noqa: E402


@contextmanager
def patched(module: Any, name: str, value: Any) -> Iterator[None]:
    held = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, held)


def _variants() -> dict[str, Callable[[], Any]]:
    from projections.matching import engine

    def nothing(*_args: Any, **_kwargs: Any) -> None:
        return None

    def no_names(profiles: Any) -> list[frozenset[str]]:
        return [frozenset() for _ in profiles]

    def priors_only(profiles: Any, blocks: Any, settings: Any) -> Any:
        return settings

    priors = engine.load_settings

    def single_link() -> Any:
        return replace(priors(), disagreement_share=0.0)

    return {
        "everything on": lambda: patched(engine, "_prepare", engine._prepare),
        "no names from the records": lambda: patched(engine, "review_names", no_names),
        "no lone misdated rows": lambda: patched(engine, "_lone_misdated_rows", nothing),
        "no anchored times": lambda: patched(engine, "_separate_anchored_times", nothing),
        "priors only (no review model)": lambda: patched(
            engine, "estimate_review_model", priors_only
        ),
        "single-link clustering": lambda: patched(engine, "load_settings", single_link),
    }


def main() -> None:
    from projections.evaluation import evaluate
    from projections.matching import merge

    names = sys.argv[1:] or DEFAULT
    reviews = {name: load_review(folder_of(name)) for name in names}
    print(f"{'variant':32} " + " ".join(f"{n:>8}" for n in names) + "  blind F1  conflicts")
    for variant, switch in _variants().items():
        figures = {}
        with switch():
            for name, review in reviews.items():
                figures[name] = evaluate(merge(review.entries), review.entries, review.truth)
        blind = [figures[n] for n in names if folder_of(n).parent == BLIND]
        mean = sum(e.pair_f1 for e in blind) / max(1, len(blind))
        found = sum(e.conflicts_found for e in blind)
        total = sum(e.conflicts_total for e in blind)
        row = " ".join(f"{figures[n].pair_f1:8.3f}" for n in names)
        print(f"{variant:32} {row}  {mean:8.3f}  {found:>4}/{total}", flush=True)


if __name__ == "__main__":
    main()
