"""Running benchmark phases each in a process of its own, so each phase's peak memory is its own.

A benchmark script lists its phases (name -> function(store, size) -> figures) and calls
`run_phase` for each; the child process is the same script, started with `--phase NAME`.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable, Mapping

Phase = Callable[[str, int], dict[str, float]]


def run_phase(script: str, name: str, store: str, size: int) -> dict[str, float]:
    """Run phase `name` of `script` in a child process; its figures, with its peak memory."""
    done = subprocess.run(
        [sys.executable, script, "--phase", name, store, str(size)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"phase {name!r} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def serve_phase_if_asked(phases: Mapping[str, Phase]) -> bool:
    """In a child started by `run_phase`: run the phase, print its figures, return True."""
    if len(sys.argv) < 2 or sys.argv[1] != "--phase":
        return False
    name, store, size = sys.argv[2], sys.argv[3], int(sys.argv[4])
    figures = phases[name](store, size)
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))
    return True
