"""Notion's timestamps, and the one rule for trusting them (docs/sync.md, "Notion's clock").

Pages' ``created_time``/``last_edited_time`` are rounded down to the minute; content edits made
through the API need not move them at all. So a timestamp can only ever say "edited in minute M",
and an edit in the minute we last looked in is invisible. Every comparison goes through
:func:`settled`, on Notion's clock (the ``Date`` of its answers), with one tolerance :data:`SKEW`
for the difference between the clock that stamped an edit and the one that answered us.
"""

from __future__ import annotations

import datetime as dt

MINUTE = 60.0
SKEW = 60.0  # seconds two of Notion's clocks (or Notion's and ours) may disagree by


def parse(text: str | None) -> float | None:
    """Epoch seconds of an ISO-8601 timestamp (``Z``, ``+00:00`` or none: UTC), None if absent or bad."""
    if not text:
        return None
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)).timestamp()


def iso(epoch: float) -> str:
    """The form Notion's filters take: ``2026-07-04T09:08:00.000Z``."""
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def since(seen_at: float) -> float:
    """The ``on_or_after`` point of a query for edits made after ``seen_at`` (Notion's clock)."""
    return (seen_at - SKEW) // MINUTE * MINUTE


def settled(edited: str | None, seen_at: float) -> bool:
    """True if an edit stamped ``edited`` was already visible when we looked at ``seen_at``.

    That holds only when its minute had ended (less :data:`SKEW`) by then; a later edit would carry
    a later minute. An unreadable stamp is never settled.
    """
    stamp = parse(edited)
    return stamp is not None and stamp + MINUTE <= seen_at - SKEW
