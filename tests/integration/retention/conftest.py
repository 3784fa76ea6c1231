"""The storage suite's two databases, for `end cohort` and its retention job end to end."""

from tests.integration.storage.conftest import database_url, postgres_server

__all__ = ["database_url", "postgres_server"]
