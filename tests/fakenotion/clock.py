"""Time and identity for the emulator: a shiftable clock, Notion's timestamp formats, and ids.

Notion rounds ``created_time``/``last_edited_time`` of pages, blocks and data sources *down to the
minute* (``2026-07-04T09:08:00.000Z``) but gives databases millisecond precision with ``+00:00``
(contract §6.4, REC test_databases_create). Tests that need timestamps to move shift the clock
(``POST /_fake/clock``) instead of sleeping a minute.
"""

from __future__ import annotations

import re
import threading
import uuid
from datetime import date, datetime, timedelta, timezone

_HEX32 = re.compile(r"^[0-9a-fA-F]{32}$")


class Clock:
    """Wall clock plus an offset that tests may advance; thread-safe."""

    def __init__(self) -> None:
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return datetime.now(timezone.utc) + self._offset

    def advance(self, seconds: float) -> datetime:
        with self._lock:
            self._offset += timedelta(seconds=seconds)
        return self.now()


def minute_iso(moment: datetime) -> str:
    """Notion's page/block timestamp: truncated to the minute, ``.000Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:00.000Z")


def millis_iso(moment: datetime) -> str:
    """Notion's database timestamp: millisecond precision, ``+00:00``."""
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+00:00"


def truncate_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def parse_instant(text: str) -> datetime | None:
    """An ISO date or date-time as an aware UTC datetime (no zone means UTC, as Notion documents)."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def new_id() -> str:
    """A fresh lowercase dashed id (Notion ids are 128-bit hex, not necessarily UUIDv4)."""
    return str(uuid.uuid4())


def normalize_id(raw: str) -> str | None:
    """Dashed lowercase form of an id given with or without dashes, any case; None if malformed."""
    compact = raw.replace("-", "")
    if not _HEX32.match(compact) or (len(raw) not in (32, 36)):
        return None
    if len(raw) == 36 and [len(p) for p in raw.split("-")] != [8, 4, 4, 4, 12]:
        return None
    compact = compact.lower()
    return f"{compact[:8]}-{compact[8:12]}-{compact[12:16]}-{compact[16:20]}-{compact[20:]}"
