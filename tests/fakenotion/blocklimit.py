"""The free workspace's lifetime block cap, as the API enforces it (reference: workspace block limits).

"Free workspaces with more than one member have a limit of 1,000 lifetime blocks … Deleting blocks
does not restore capacity. The write that first reaches the limit succeeds and starts the existing
three-day grace period. Creation remains available during grace … After grace expires, requests that
create blocks fail. Reads, deletes, and edits that do not create blocks remain available." Off until
``POST /_fake/config {"block_limit": n}``; pages count as blocks (they are blocks). The refusal is
403 ``restricted_resource`` with ``additional_data.block_limit`` (its message and inner shape are
undocumented: tests should rely on the key only).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .apierror import block_limit_reached

GRACE = timedelta(days=3)


class BlockLimit:
    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self.created = 0  # lifetime blocks made since the limit was set
        self.grace_until: datetime | None = None

    def check(self, now: datetime) -> None:
        """Refuse a write that would create blocks once the grace period is over."""
        if self.limit is not None and self.grace_until is not None and now > self.grace_until:
            raise block_limit_reached(self.limit)

    def count(self, blocks: int, now: datetime) -> None:
        self.created += blocks
        if self.limit is not None and self.grace_until is None and self.created >= self.limit:
            self.grace_until = now + GRACE
