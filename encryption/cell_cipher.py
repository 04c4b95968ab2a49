"""AES-GCM for single table cells: random nonces by default, deterministic only for lookups.

A sealed cell is text: a version-and-mode prefix, then base64 of nonce and cipher text (with its
tag). `seal` uses a random nonce, so equal values look unrelated. `seal_for_lookup` derives the
nonce from the value (HMAC-SHA256 under a key of its own, the synthetic-IV construction), so equal
values give equal cells and an index can find them; it is used only where a query looks a value
up by equality, and reveals only which such cells are equal.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_RANDOM = "c1:"
_LOOKUP = "d1:"
_NONCE_BYTES = 12


class CellDecryptionError(ValueError):
    """Raised when a cell was not sealed with this key (or is not a sealed cell at all)."""


@dataclass(frozen=True)
class CellKeys:
    """The two 32-byte keys a cell cipher needs: one to encrypt, one to derive lookup nonces."""

    encryption: bytes
    lookup_nonce: bytes


def is_sealed(cell: str) -> bool:
    """True when `cell` looks like a sealed cell (written by some key), not plain text."""
    return cell.startswith((_RANDOM, _LOOKUP))


class CellCipher:
    """Sealing and opening text cells with AES-GCM."""

    def __init__(self, keys: CellKeys) -> None:
        self._aead = AESGCM(keys.encryption)
        self._nonce_key = keys.lookup_nonce

    def seal(self, text: str) -> str:
        """`text` encrypted under a fresh random nonce."""
        return self._sealed(_RANDOM, os.urandom(_NONCE_BYTES), text)

    def seal_for_lookup(self, text: str) -> str:
        """`text` encrypted deterministically: the same text always gives the same cell."""
        nonce = hmac.new(self._nonce_key, text.encode("utf-8"), hashlib.sha256).digest()
        return self._sealed(_LOOKUP, nonce[:_NONCE_BYTES], text)

    def open(self, cell: str) -> str:
        """The text a sealed cell holds (raises CellDecryptionError)."""
        mode, body = cell[:3], cell[3:]
        if mode not in (_RANDOM, _LOOKUP):
            raise CellDecryptionError("the cell is not encrypted")
        try:
            raw = base64.b64decode(body, validate=True)
            plain = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], mode.encode())
        except (ValueError, InvalidTag):
            raise CellDecryptionError("the cell was encrypted with another key") from None
        return plain.decode("utf-8")

    def _sealed(self, mode: str, nonce: bytes, text: str) -> str:
        # The mode is authenticated too, so a random cell cannot pass for a lookup cell.
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), mode.encode())
        return mode + base64.b64encode(nonce + sealed).decode("ascii")
