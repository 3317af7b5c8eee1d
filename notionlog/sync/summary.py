"""What one sync did: the counts and lists the CLI reports (shared by engine, actions, gather)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from notionlog.errors import NotionlogError
from notionlog.sync.plan import Action


@dataclass
class Summary:
    """What one sync did (or, with --dry-run, would do)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    pulled: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    copies: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (date, reason)
    deleted: list[str] = field(default_factory=list)
    failed: list[tuple[str, Exception]] = field(default_factory=list)
    warnings: list[str | NotionlogError] = field(default_factory=list)  # errors: worded by the CLI
    overridden: list[tuple[str, str, Path]] = field(default_factory=list)  # (date, side lost, kept at)
    planned: list[Action] = field(default_factory=list)
    requests: int = 0
    dry_run: bool = False
    aborted: Exception | None = None

    def counts(self) -> dict[str, int]:
        return {"created": len(self.created), "updated": len(self.updated), "pulled": len(self.pulled),
                "merged": len(self.merged), "conflicts": len(self.conflicts),
                "skipped": len(self.skipped), "deleted": len(self.deleted), "failed": len(self.failed)}
