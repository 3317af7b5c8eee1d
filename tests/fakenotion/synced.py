"""Synced blocks (the synced block reference): an original (``synced_from: null``) holds the content;
a duplicate (``synced_from: {"block_id"}``) holds none of its own and shows its original's.

Functions over the store rather than its methods: the store's objects are plain data, and this is
the one place that knows how a duplicate finds its original.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .apierror import ApiError

if TYPE_CHECKING:
    from .fields import Spec
    from .store import Block, Store


def _synced(obj: object) -> Block | None:
    from .store import Block  # here, not at the top: the store imports this module

    return obj if isinstance(obj, Block) and obj.type == "synced_block" else None


def original_of(store: Store, obj: object) -> Block | None:
    """The original a duplicate follows (None for anything else, or when it is not to be found)."""
    block = _synced(obj)
    source = block.payload.get("synced_from") if block else None
    return find_original(store, source["block_id"]) if source else None


def find_original(store: Store, ident: str) -> Block | None:
    block = _synced(store.find(ident))
    return block if block is not None and not block.payload.get("synced_from") else None


def check(store: Store, path: str, specs: list[Spec]) -> None:
    """Every duplicate in ``specs`` must follow a live original (the message is unverified)."""
    for i, spec in enumerate(specs):
        source = spec.payload.get("synced_from") if spec.type == "synced_block" else None
        original = find_original(store, source["block_id"]) if source else None
        if source and (original is None or original.in_trash):
            raise ApiError(
                400,
                "validation_error",
                f"{path}[{i}].synced_block.synced_from: no synced block original with ID "
                f"{source['block_id']} is shared with the integration.",
            )
        check(store, f"{path}[{i}].children", spec.children)
