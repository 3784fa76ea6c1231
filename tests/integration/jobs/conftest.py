"""The throw-away PostgreSQL server of the storage suite, shared with the job proofs."""

from tests.integration.storage.conftest import postgres_server

__all__ = ["postgres_server"]
