"""Block requests: validate a children tree as Notion does and turn it into stored block payloads.

Rules (contract §4.2, §5, §6.2): ≤ 100 children per array; "up to two levels of nesting in a
single request" — the request's top-level blocks may have children and grandchildren, and a
grandchild carrying ``children`` is refused with ``… .children should be not present``; code
languages come from a fixed enum; tables need their rows at creation. ``object`` and ``type`` are
optional in requests (REC test_blocks_children_create). Response payloads add Notion's defaults
(``color: "default"``, ``icon: null`` on paragraphs, ``is_toggleable`` on headings, ``caption: []``).

Containers (the column changelog; the synced block reference): a ``column_list`` holds only
``column`` blocks — at least two when it is made, each with at least one child — and a ``column``
sits only in a ``column_list``. A ``synced_block`` original holds children; a duplicate
(``synced_from``) holds none of its own: its children are the original's.
"""

from __future__ import annotations

from .apierror import ApiError, invalid, not_present, one_of, too_long, undefined
from .payloads import APP_ONLY_TYPES, CONTAINER_TYPES, CREATABLE, TEXT_TYPES, Context, Spec, payload_for

__all__ = ["Context", "Spec", "check_parent", "holds_children", "parse_children", "payload_for"]

MAX_CHILDREN = 100
MAX_DEPTH = 2  # levels of children below a request's top-level blocks
MAX_ELEMENTS = 1000
CHILD_BEARING = set(TEXT_TYPES) | {"table"} | set(CONTAINER_TYPES)  # headings only when toggleable


def holds_children(kind: str, payload: dict) -> bool:
    """Whether a block of this type (and payload) may have children of its own."""
    if kind.startswith("heading"):
        return bool(payload.get("is_toggleable"))
    if kind == "synced_block":
        return payload.get("synced_from") is None
    return kind in CHILD_BEARING


def check_parent(path: str, parent_kind: str | None, specs: list[Spec], api: bool = True) -> None:
    """Columns live in column lists and nowhere else (``parent_kind`` None: a page); through the
    ``api``, a column holds no column list either (unverified: the unkind reading)."""
    for i, spec in enumerate(specs):
        if api and parent_kind == "column" and spec.type == "column_list":
            raise ApiError(
                400, "validation_error", f"{path}[{i}]: a column_list cannot be a child of a column."
            )
        if parent_kind == "column_list" and spec.type != "column":
            raise one_of(f"{path}[{i}].type", ["column"], spec.type)
        if parent_kind != "column_list" and spec.type == "column":
            raise ApiError(
                400, "validation_error", f"{path}[{i}]: a column can only be a child of a column_list."
            )


def parse_children(path: str, children: object, ctx: Context, depth: int = 0) -> list[Spec]:
    """Validate the ``children`` array at ``path``; depth 0 = the request's top-level blocks."""
    if not isinstance(children, list):
        raise invalid(path, "an array", children)
    if len(children) > MAX_CHILDREN and not ctx.fixture:
        raise too_long(f"{path}.length", MAX_CHILDREN, len(children))
    specs = [parse_block(f"{path}[{i}]", block, ctx, depth) for i, block in enumerate(children)]
    if depth == 0 and not ctx.fixture and (total := count(specs)) > MAX_ELEMENTS:
        raise too_long(f"{path}.block_elements", MAX_ELEMENTS, total)
    return specs


def count(specs: list[Spec]) -> int:
    return sum(1 + count(spec.children) for spec in specs)


def block_type(path: str, block: object, fixture: bool = False) -> str:
    """The block's type; app content (``fixture``) may also hold types the API only returns."""
    kinds = CREATABLE + APP_ONLY_TYPES if fixture else CREATABLE
    if not isinstance(block, dict):
        raise invalid(path, "an object", block)
    if "type" in block and block["type"] not in kinds:
        raise one_of(f"{path}.type", list(CREATABLE), block["type"])
    for key in block:
        if key not in ("object", "type") and key not in kinds:
            raise not_present(f"{path}.{key}", block[key])
    if block.get("object", "block") != "block":
        raise one_of(f"{path}.object", ["block"], block["object"])
    kind = block.get("type") or next((k for k in block if k in kinds), None)
    if kind is None:
        raise one_of(f"{path}.type", list(CREATABLE), None)
    if kind not in block:
        raise undefined(f"{path}.{kind}")
    return kind


def parse_block(path: str, block: object, ctx: Context, depth: int) -> Spec:
    kind = block_type(path, block, ctx.fixture)
    body = block[kind]
    where = f"{path}.{kind}"
    if not isinstance(body, dict):
        raise invalid(where, "an object", body)
    body = dict(body)
    children = body.pop("children", None)
    payload = payload_for(kind, where, body, ctx, creating=True)
    specs: list[Spec] = []
    if children is not None:
        if depth >= MAX_DEPTH and not ctx.fixture:
            raise not_present(f"{where}.children", children)
        if not holds_children(kind, payload):
            raise not_present(f"{where}.children", children)
        specs = parse_children(f"{where}.children", children, ctx, depth + 1)
        check_parent(f"{where}.children", kind, specs, api=not ctx.fixture)
    check_structure(kind, where, payload, specs)
    return Spec(kind, payload, specs)


def check_structure(kind: str, where: str, payload: dict, specs: list[Spec]) -> None:
    """Tables need rows, rows need as many cells as the table is wide; column lists need columns."""
    if kind == "column_list" and (len(specs) < 2 or any(not column.children for column in specs)):
        raise invalid(f"{where}.children", "at least 2 columns, each with at least one child", len(specs))
    if kind == "column" and not specs:
        raise undefined(f"{where}.children")
    if kind == "table":
        if not specs:
            raise undefined(f"{where}.children")
        for i, row in enumerate(specs):
            if row.type != "table_row":
                raise one_of(f"{where}.children[{i}].type", ["table_row"], row.type)
            if len(row.payload["cells"]) != payload["table_width"]:
                raise ApiError(
                    400,
                    "validation_error",
                    "Number of cells in table row must match the table width of the parent.",
                )
