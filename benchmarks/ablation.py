"""What each of the matcher's remaining rules and conflict detectors earns: the blind reviews'
figures with it switched off, beside the figures with everything on.

    python benchmarks/ablation.py [--reviews] [REVIEW ...]

Each rule is switched off by replacing the function that applies it with one that does
nothing (or, for the clustering criterion, by its plain alternative), and each detector by
leaving it out of `detectors.ALL`, in this process only. Printed per variant: DHR 7's pairwise
F1, the blind reviews' mean pairwise F1, the true conflicts they find and the share of their
markers that are true (`--reviews` adds each review's F1). A rule or detector that earns nothing
on the blind reviews has no place in the matcher (docs/matching.md).
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
    from projections.matching import detectors, engine, logs

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
        "no hospital stays": lambda: patched(logs, "_with_stays", lambda profiles, _s: profiles),
        "no reference runs": lambda: patched(logs, "_with_runs", lambda profiles, _gap: profiles),
        "no row-numbering agencies": lambda: patched(
            engine, "_numbered_rows", lambda _profiles: frozenset()
        ),
        "no lone names (identity)": lambda: patched(detectors, "_lone_names", lambda *_a: []),
        **{
            f"no detector {detector.__name__}": (
                lambda d=detector: patched(
                    detectors, "ALL", tuple(x for x in detectors.ALL if x is not d)
                )
            )
            for detector in detectors.ALL
        },
    }


def main() -> None:
    from projections.evaluation import evaluate
    from projections.matching import merge

    wide = "--reviews" in sys.argv
    names = [a for a in sys.argv[1:] if a != "--reviews"] or DEFAULT
    reviews = {name: load_review(folder_of(name)) for name in names}
    columns = " ".join(f"{n:>8}" for n in names) if wide else ""
    print(
        f"{'variant':32} {'DHR 7':>6} {'blind F1':>8} {'conflicts':>9} {'markers true':>12} {columns}"
    )
    for variant, switch in _variants().items():
        figures = {}
        with switch():
            for name, review in reviews.items():
                figures[name] = evaluate(merge(review.entries), review.entries, review.truth)
        blind = [figures[n] for n in names if folder_of(n).parent == BLIND]
        mean = sum(e.pair_f1 for e in blind) / max(1, len(blind))
        found = sum(e.conflicts_found for e in blind)
        total = sum(e.conflicts_total for e in blind)
        correct = sum(e.predicted_correct for e in blind)
        predicted = sum(e.predicted_total for e in blind)
        dhr7 = f"{figures['dhr7'].pair_f1:6.3f}" if "dhr7" in figures else f"{'-':>6}"
        row = " ".join(f"{figures[n].pair_f1:8.3f}" for n in names) if wide else ""
        print(
            f"{variant:32} {dhr7} {mean:8.3f} {found:>4}/{total:<4} {correct:>5}/{predicted:<6} {row}",
            flush=True,
        )


if __name__ == "__main__":
    main()
