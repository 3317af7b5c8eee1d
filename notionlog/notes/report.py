"""What a pull of linked notes did."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class NotesReport:
    """What one pull did. Paths are absolute; warnings are one line each, with their remedy."""

    pulled: list[Path] = field(default_factory=list)  # notes written (new or changed in Notion)
    unchanged: list[Path] = field(default_factory=list)  # notes already up to date
    kept_local: list[Path] = field(default_factory=list)  # local edits moved aside before a write
    warnings: list[str] = field(default_factory=list)  # unshared pages, databases, trashed pages
    requests: int = 0  # API requests this pull sent (file downloads go to the file host, uncounted)
