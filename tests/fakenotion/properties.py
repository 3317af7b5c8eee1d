"""Page property values (contract §3.5): checked against the parent's schema, stored by
property id in response form (``{"id", "type", <type>: value}``), rendered keyed by name with every
schema property present. A select option a page names but the schema lacks joins the schema, as in
Notion; unknown names are refused ("X is not a property that exists.").
"""

from __future__ import annotations

from . import richtext
from .apierror import invalid, too_long, validation
from .clock import parse_instant
from .schema import COMPUTED, find, new_option, page_title_schema

__all__ = ["apply_values", "empty_value", "find", "page_title_schema", "render", "title_of"]

MAX_OPTIONS = 100
MAX_SHORT = 200  # email, phone number


def apply_values(schema: dict, stored: dict, given: object) -> dict:
    """Validate request property values against ``schema`` and merge them into ``stored`` (by id)."""
    if not isinstance(given, dict):
        raise invalid("body.properties", "an object", given)
    result = dict(stored)
    for key, value in given.items():
        name = find(schema, key)
        if name is None:
            raise validation(f"{key} is not a property that exists.")
        entry = schema[name]
        result[entry["id"]] = {
            "id": entry["id"],
            "type": entry["type"],
            entry["type"]: _value(entry, f"body.properties.{key}", value),
        }
    return result


def _value(entry: dict, path: str, value: object) -> object:
    kind = entry["type"]
    if kind in COMPUTED:
        raise validation(f"{entry['name']} is a read-only property and cannot be updated.")
    if isinstance(value, list) and kind in ("title", "rich_text"):
        value = {kind: value}
    if not isinstance(value, dict) or kind not in value:
        raise validation(f"{entry['name']} is expected to be {kind}.")
    raw = value[kind]
    if kind in ("title", "rich_text"):
        return richtext.normalize(f"{path}.{kind}", raw)
    return _SCALARS[kind](entry, f"{path}.{kind}", raw)


def _date(entry, path, raw):
    if raw is None:
        return None
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("start"), str)
        or parse_instant(raw["start"]) is None
    ):
        raise invalid(
            f"{path}.start",
            "a valid ISO 8601 date string",
            (raw or {}).get("start") if isinstance(raw, dict) else raw,
        )
    end = raw.get("end")
    if end is not None and (not isinstance(end, str) or parse_instant(end) is None):
        raise invalid(f"{path}.end", "a valid ISO 8601 date string", end)
    return {"start": raw["start"], "end": end, "time_zone": raw.get("time_zone")}


def _select_one(entry, path, raw):
    if raw is None:
        return None
    return _pick(entry, path, raw)


def _multi(entry, path, raw):
    if not isinstance(raw, list):
        raise invalid(path, "an array", raw)
    if len(raw) > MAX_OPTIONS:
        raise too_long(f"{path}.length", MAX_OPTIONS, len(raw))
    return [_pick(entry, f"{path}[{i}]", item) for i, item in enumerate(raw)]


def _pick(entry: dict, path: str, raw: object) -> dict:
    """Find an option by id or name; an unknown name becomes a new option in the schema."""
    options = entry[entry["type"]]["options"]
    if not isinstance(raw, dict) or not ({"id", "name"} & raw.keys()):
        raise invalid(f"{path}.name", "defined", None, missing=True)
    for option in options:
        if option["id"] == raw.get("id") or option["name"] == raw.get("name"):
            return {"id": option["id"], "name": option["name"], "color": option["color"]}
    if "name" not in raw:
        raise validation(f"Invalid select option id: {raw.get('id')}.")
    option = new_option(path, raw)
    options.append(option)
    return {"id": option["id"], "name": option["name"], "color": option["color"]}


def _number(entry, path, raw):
    if raw is not None and (isinstance(raw, bool) or not isinstance(raw, (int, float))):
        raise invalid(path, "a number or `null`", raw)
    return raw


def _checkbox(entry, path, raw):
    if not isinstance(raw, bool):
        raise invalid(path, "a boolean", raw)
    return raw


def _short_text(limit: int):
    """url/email/phone: a non-empty string within ``limit`` or null (the API rejects "")."""

    def check(entry, path, raw):
        if raw is None:
            return None
        if not isinstance(raw, str) or raw == "":
            raise invalid(path, "a non-empty string or `null`", raw)
        if richtext.utf16_len(raw) > limit:
            raise too_long(f"{path}.length", limit, richtext.utf16_len(raw))
        return raw

    return check


_SCALARS = {
    "date": _date,
    "select": _select_one,
    "multi_select": _multi,
    "number": _number,
    "checkbox": _checkbox,
    "url": _short_text(richtext.MAX_URL),
    "email": _short_text(MAX_SHORT),
    "phone_number": _short_text(MAX_SHORT),
}


def empty_value(entry: dict) -> object:
    return {"title": [], "rich_text": [], "multi_select": [], "checkbox": False}.get(entry["type"])


def render(schema: dict, stored: dict, created: str, edited: str) -> dict:
    """Page ``properties`` keyed by name, every schema property present (empty ones too)."""
    out = {}
    for name, entry in schema.items():
        kind = entry["type"]
        if kind in COMPUTED:
            value = created if kind == "created_time" else edited
        else:
            value = stored.get(entry["id"], {}).get(kind, empty_value(entry))
        out[name] = {"id": entry["id"], "type": kind, kind: value}
    return out


def title_of(schema: dict, stored: dict) -> list[dict]:
    entry = next(e for e in schema.values() if e["type"] == "title")
    return stored.get(entry["id"], {}).get("title", [])
