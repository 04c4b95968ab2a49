"""Encryption of personal data in table cells: the cipher (`cell_cipher`) and the column types
that use it when the engine carries one (`columns`). Beneath projections and adapters, which
both declare tables; it knows nothing of the domain."""
