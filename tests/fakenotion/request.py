"""One parsed API request and the argument checks every endpoint shares.

Path ids are accepted with or without dashes, in any case, and answered dashed lowercase; a
malformed id is ``path failed validation: path.<param> should be a valid uuid`` (contract §10.2).
``page_size`` defaults to 100 and may not exceed it; block-children cursors are block ids and other
cursors are opaque (§10.4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .apierror import ApiError, bad_path_id, invalid, not_present, too_long
from .clock import normalize_id
from .store import Store

MAX_PAGE_SIZE = 100


class Bare(dict):
    """A success body sent without ``request_id`` (REC test_data_sources_list_templates has none)."""


@dataclass
class Request:
    store: Store
    method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    body: dict = field(default_factory=dict)
    form: dict = field(default_factory=dict)  # multipart/form-data fields (file uploads only)

    def path_id(self, raw: str, param: str) -> str:
        ident = normalize_id(raw)
        if ident is None:
            raise bad_path_id(param, raw)
        return ident

    def allow(self, *keys: str) -> None:
        """Refuse body keys the endpoint does not define (strict, as Notion's validator is)."""
        for key, value in self.body.items():
            if key not in keys:
                raise not_present(f"body.{key}", value)

    def arg(self, name: str) -> object:
        """A pagination argument from the body (POST) or the query string (GET)."""
        if self.method == "GET":
            values = self.query.get(name)
            return values[-1] if values else None
        return self.body.get(name)

    def page_size(self) -> int:
        where = "query" if self.method == "GET" else "body"
        raw = self.arg("page_size")
        if raw is None:
            return MAX_PAGE_SIZE
        try:
            size = int(raw) if not isinstance(raw, bool) else None
        except (TypeError, ValueError):
            size = None
        if size is None or (where == "body" and not isinstance(raw, int)):
            raise invalid(f"{where}.page_size", "a number", raw)
        if size > MAX_PAGE_SIZE:
            raise too_long(f"{where}.page_size", MAX_PAGE_SIZE, size)
        if size < 1:
            raise invalid(f"{where}.page_size", "≥ `1`", size)
        return size

    def start_cursor(self) -> str | None:
        raw = self.arg("start_cursor")
        if raw is None:
            return None
        cursor = normalize_id(raw) if isinstance(raw, str) else None
        if cursor is None:
            where = "query" if self.method == "GET" else "body"
            raise invalid(f"{where}.start_cursor", "a valid uuid", raw)
        return cursor


def paginate(req: Request, items: list, ident=lambda item: item.id) -> tuple[list, str | None]:
    """Slice ``items`` from the cursor (inclusive); the next cursor is the id of the next item.

    ``Store.page_cap`` makes pages shorter than asked, which Notion allows ("the response may
    contain fewer than page_size results"), so clients that stop early are caught."""
    size, cursor = req.page_size(), req.start_cursor()
    if req.store.page_cap:
        size = min(size, req.store.page_cap)
    start = 0
    if cursor is not None:
        ids = [ident(item) for item in items]
        if cursor not in ids:
            raise ApiError(400, "validation_error", f"Invalid start_cursor: {cursor}.")
        start = ids.index(cursor)
    chunk = items[start : start + size]
    following = items[start + size : start + size + 1]
    return chunk, (ident(following[0]) if following else None)
