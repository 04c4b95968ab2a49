"""`chronology demo`: the main job, run on the fictional example review the product ships."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from adapters.store import StoreSettings
from api import merged_rendering, rendering
from api.workspace import Workspace


def run_demo_review(db: str | None) -> int:
    """Import every example file into a fresh SQLite store, then show what is held."""
    store_file = Path(db) if db else _fresh_store_path()
    if store_file.exists():
        store_file.unlink()
    store_file.parent.mkdir(parents=True, exist_ok=True)
    examples = resources.files("examples")
    manifest = json.loads(examples.joinpath("manifest.json").read_text("utf-8"))
    review = manifest["review"]
    print(f"Demo store: {store_file}\nReview: {review}\n{manifest['about']}\n")
    workspace = Workspace(StoreSettings.resolve(str(store_file), environ={}))
    try:
        for submission in manifest["submissions"]:
            content = examples.joinpath(submission["file"]).read_bytes()
            report = workspace.import_file(
                content, submission["file"], review, submission["agency"], submission["uploaded_by"]
            )
            print(f"== {submission['agency']}")
            print(rendering.import_report(report), end="\n\n")
        first = manifest["submissions"][0]
        again = workspace.import_file(
            examples.joinpath(first["file"]).read_bytes(),
            first["file"],
            review,
            first["agency"],
            first["uploaded_by"],
        )
        print(f"== Re-importing {first['file']}: {again.outcome.status.value.replace('_', ' ')}\n")
        print(rendering.entries_table(workspace.entries(review)))
        print("\n== The merged chronology: one line per agency account, conflicts marked !!\n")
        print(merged_rendering.merged_table(workspace.merged(review)))
    finally:
        workspace.close()
    print(f'\nExplore it: chronology merged --db {store_file} --review "{review}" --format json')
    print(f'            chronology audit --db {store_file} --review "{review}"')
    return 0


def _fresh_store_path() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return Path.cwd() / "demo-store" / f"demo-{stamp}.sqlite3"
