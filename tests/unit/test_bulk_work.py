"""The collector pause around intake's bulk work: shared by concurrent uploads, never left off."""

from __future__ import annotations

import gc
import threading

from domain.bulk_work import collection_paused


def test_the_collector_is_paused_inside_and_resumed_after() -> None:
    assert gc.isenabled()

    with collection_paused():
        assert not gc.isenabled()

    assert gc.isenabled()


def test_nested_and_overlapping_pauses_resume_only_when_the_last_one_ends() -> None:
    inside = threading.Event()
    release = threading.Event()

    def upload() -> None:
        with collection_paused():
            inside.set()
            release.wait(timeout=10)

    other = threading.Thread(target=upload)
    with collection_paused():
        other.start()
        assert inside.wait(timeout=10)
    # This upload is done, the other is still reading: the collector waits for it.
    assert not gc.isenabled()
    release.set()
    other.join(timeout=10)

    assert gc.isenabled()


def test_a_collector_someone_else_switched_off_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            assert not gc.isenabled()

        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_resumes_when_the_work_fails() -> None:
    try:
        with collection_paused():
            raise ValueError("a file that cannot be read")
    except ValueError:
        pass

    assert gc.isenabled()
