"""Errors the domain raises; each says what went wrong in words a user can act on."""

from __future__ import annotations


class ChronologyError(Exception):
    """Base class for errors this product reports to its users."""


class ReviewNotFoundError(ChronologyError):
    """Raised when a review is named that has never been opened."""

    def __init__(self, review_name: str) -> None:
        super().__init__(f"no review called {review_name!r} is held in this store")
        self.review_name = review_name


class SubmissionRaceError(ChronologyError):
    """Raised when other uploads to the same review kept winning the race to save first."""


class SubmissionNotSavedError(ChronologyError):
    """Raised when the store refused a submission; the whole file was rolled back."""
