"""Exit statuses, one meaning each (documented in the README)."""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    ERROR = 1  # unexpected failure (a bug): re-run with --debug
    USAGE = 2  # bad command-line usage (typer/click's own code)
    INPUT = 3  # bad settings or input: a date, a template, a file, the home
    NOTION = 4  # Notion refused: token, sharing, schema, unexpected 400
    UNAVAILABLE = 5  # Notion unreachable or failing after retries; safe to re-run
    CONFLICT = 6  # sync kept both versions of an entry; resolve, then sync again
    LOCKED = 7  # another sync is running on this home
    STATE = 8  # the status store is unreadable
