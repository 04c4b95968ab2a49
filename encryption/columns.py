"""Column types for personal data: plain on an engine without a cell cipher, sealed on one with.

A table declares `SealedText`, `SealedJSON` or `LookupText` once; whether its cells are encrypted
is the engine's business (`attach_cipher`), so the same tables serve an unencrypted store, an
encrypted SQLite file (encrypted whole, no cell cipher) and PostgreSQL with a key. A sealed
column can be read and written, but not compared, searched or ordered in SQL: a `LookupText`
column can still be compared for equality (and joined on), as its cells are deterministic.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from encryption.cell_cipher import CellCipher

_ATTRIBUTE = "chronology_cell_cipher"


def attach_cipher(engine: sa.Engine, cipher: CellCipher) -> None:
    """Seal the personal-data columns of every table used through `engine`."""
    setattr(engine.dialect, _ATTRIBUTE, cipher)


def cipher_of(dialect: Dialect) -> CellCipher | None:
    """The cell cipher attached to the engine of `dialect`, if any."""
    cipher: CellCipher | None = getattr(dialect, _ATTRIBUTE, None)
    return cipher


class SealedText(TypeDecorator[str]):
    """Text encrypted with a random nonce (never compared or ordered in SQL)."""

    impl = sa.Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        cipher = cipher_of(dialect)
        return value if value is None or cipher is None else self._seal(cipher, value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        cipher = cipher_of(dialect)
        return value if value is None or cipher is None else cipher.open(value)

    def _seal(self, cipher: CellCipher, value: str) -> str:
        return cipher.seal(value)


class LookupText(SealedText):
    """Text encrypted deterministically, so `==`, `IN` and joins still work (and an index)."""

    cache_ok = True

    def _seal(self, cipher: CellCipher, value: str) -> str:
        return cipher.seal_for_lookup(value)


class SealedJSON(TypeDecorator[Any]):
    """JSON, kept as JSON on a plain engine and as one sealed text cell on an encrypted one."""

    impl = sa.JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if cipher_of(dialect) is None:
            return dialect.type_descriptor(sa.JSON())
        return dialect.type_descriptor(sa.Text())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        cipher = cipher_of(dialect)
        if cipher is None or value is None:
            return value
        return cipher.seal(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        cipher = cipher_of(dialect)
        if cipher is None or value is None:
            return value
        return json.loads(cipher.open(value))
