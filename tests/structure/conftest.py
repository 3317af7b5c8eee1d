"""The sync fixtures (a journal home wired to a live emulator) for the structure tests."""

from tests.sync.conftest import database, entries_only, journal, later  # noqa: F401
