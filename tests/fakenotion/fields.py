"""What every block payload builder shares: the parsed block (``Spec``), what parsing needs from the
store (``Context``) and the field checks (unknown keys, colours, booleans, rich text)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import richtext
from .apierror import invalid, not_present, one_of, undefined


@dataclass
class Spec:
    """A block to create: its type, response-form payload and children."""

    type: str
    payload: dict
    children: list[Spec] = field(default_factory=list)


@dataclass
class Context:
    """What parsing needs from the store; ``fixture`` relaxes limits and allows hosted file data."""

    lookup: richtext.TitleLookup | None = None
    add_file: Callable[[bytes, str], str] | None = None
    fixture: bool = False
    attach: Callable[[str, str, object], str] | None = None  # (block type, path, upload id) → file id


def allowed(where: str, body: dict, keys: tuple[str, ...]) -> None:
    for key, value in body.items():
        if key not in keys:
            raise not_present(f"{where}.{key}", value)


def color(where: str, body: dict, current: dict) -> str:
    color = body.get("color", current.get("color", "default"))
    if color not in richtext.COLORS:
        raise one_of(f"{where}.color", richtext.COLORS, color)
    return color


def boolean(where: str, body: dict, key: str, current: dict) -> bool:
    value = body.get(key, current.get(key, False))
    if not isinstance(value, bool):
        raise invalid(f"{where}.{key}", "a boolean", value)
    return value


def rich(
    where: str, body: dict, key: str, ctx: Context, creating: bool, current: dict, required: bool = True
) -> list[dict]:
    if key in body:
        return richtext.normalize(f"{where}.{key}", body[key], ctx.lookup)
    if creating and required:
        raise undefined(f"{where}.{key}")
    return current.get(key, [])
