"""Data-source schemas and page property values (notion-api.md §3.3–§3.5).

A schema maps a property *name* to ``{id, name, description, type, <type>: config}``; the title
property's id is literally ``"title"``, other ids are short URL-encoded strings (``"M%3BBw"``).
Page values are stored by property id in response form (``{"id", "type", <type>: value}``) and
rendered keyed by name. Select options a page names but the schema lacks are added, as Notion does.
"""

from __future__ import annotations

import random
import string
from urllib.parse import quote

from . import richtext
from .apierror import ApiError, invalid, one_of, too_long, validation
from .clock import new_id, parse_instant

EDITABLE = (
    "title",
    "rich_text",
    "number",
    "select",
    "multi_select",
    "date",
    "checkbox",
    "url",
    "email",
    "phone_number",
)
COMPUTED = ("created_time", "last_edited_time")
TYPES = EDITABLE + COMPUTED
MAX_OPTIONS = 100
MAX_SHORT = 200  # email, phone number


def short_id(taken: set[str]) -> str:
    alphabet = string.ascii_letters + string.digits + ";:<>=?@[]^_`{|}~"
    while True:
        ident = quote("".join(random.choice(alphabet) for _ in range(4)), safe="")
        if ident not in taken and ident != "title":
            return ident


def schema_entry(path: str, name: str, spec: object, taken: set[str]) -> dict:
    """One property definition from a request (``{"type"?: t, t: config}``)."""
    if not isinstance(spec, dict):
        raise invalid(path, "an object", spec)
    kind = spec.get("type") or next((k for k in spec if k in TYPES), None)
    if kind not in TYPES:
        raise one_of(f"{path}.type", list(TYPES), kind)
    config = spec.get(kind, {})
    if not isinstance(config, dict):
        raise invalid(f"{path}.{kind}", "an object", config)
    ident = "title" if kind == "title" else short_id(taken)
    entry = {"id": ident, "name": name, "description": spec.get("description"), "type": kind, kind: {}}
    if kind in ("select", "multi_select"):
        entry[kind] = {
            "options": [
                _option(f"{path}.{kind}.options[{i}]", o) for i, o in enumerate(config.get("options", []))
            ]
        }
    elif kind == "number":
        entry[kind] = {"format": config.get("format", "number")}
    return entry


def _option(path: str, option: object) -> dict:
    if not isinstance(option, dict) or not isinstance(option.get("name"), str):
        raise invalid(
            f"{path}.name", "a string", (option or {}).get("name") if isinstance(option, dict) else option
        )
    if "," in option["name"]:
        raise validation(f"Invalid option name: {option['name']}. Option names cannot contain commas.")
    color = option.get("color", "default")
    if color not in richtext.BASE_COLORS:
        raise one_of(f"{path}.color", richtext.BASE_COLORS, color)
    return {"id": new_id(), "name": option["name"], "color": color, "description": None}


def build_schema(path: str, properties: object) -> dict:
    """A full schema from a create request; exactly one title property (Notion's rule)."""
    if not isinstance(properties, dict):
        raise invalid(path, "an object", properties)
    schema: dict = {}
    for name, spec in properties.items():
        schema[name] = schema_entry(f"{path}.{name}", name, spec, {e["id"] for e in schema.values()})
    titles = [e for e in schema.values() if e["type"] == "title"]
    if len(titles) != 1:
        raise validation(
            "Databases must have exactly one title property."
            if titles
            else "Title property is required: a data source needs exactly one title property."
        )
    return schema


def update_schema(schema: dict, changes: object) -> dict:
    """PATCH semantics: keys are names or ids; config adds/changes, ``name`` renames, null removes."""
    if not isinstance(changes, dict):
        raise invalid("body.properties", "an object", changes)
    schema = dict(schema)
    for key, change in changes.items():
        name = find(schema, key)
        path = f"body.properties.{key}"
        if change is None:
            if name is None or schema[name]["type"] == "title":
                raise validation(f"Cannot delete property: {key}.")
            del schema[name]
            continue
        if name is None:
            schema[key] = schema_entry(
                path,
                change.get("name", key) if isinstance(change, dict) else key,
                change,
                {e["id"] for e in schema.values()},
            )
            continue
        schema = _change(schema, name, path, change)
    return schema


def _change(schema: dict, name: str, path: str, change: object) -> dict:
    if not isinstance(change, dict):
        raise invalid(path, "an object", change)
    entry = dict(schema[name])
    kinds = [k for k in change if k in TYPES]
    if kinds and kinds[0] != entry["type"]:
        if entry["type"] == "title" or kinds[0] == "title":
            raise validation(f"Cannot change the type of property {name} to {kinds[0]}.")
        entry = schema_entry(path, name, change, {e["id"] for e in schema.values()}) | {"id": entry["id"]}
    elif kinds and entry["type"] in ("select", "multi_select"):
        entry[entry["type"]] = {
            "options": [
                _option(f"{path}.options[{i}]", o) for i, o in enumerate(change[kinds[0]].get("options", []))
            ]
        }
    new_name = change.get("name", name)
    entry["name"] = new_name
    schema = {(new_name if k == name else k): v for k, v in schema.items()}
    schema[new_name] = entry
    return schema


def find(schema: dict, key: str) -> str | None:
    """The name of the property called ``key`` or whose id is ``key``."""
    if key in schema:
        return key
    return next((name for name, e in schema.items() if e["id"] == key), None)


def page_title_schema() -> dict:
    """The implicit schema of a page whose parent is a page: one title property keyed ``title``."""
    return {"title": {"id": "title", "name": "title", "description": None, "type": "title", "title": {}}}


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
    option = _option(path, raw)
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


def _short_text(limit: int, is_url: bool = False):
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
    "url": _short_text(richtext.MAX_URL, True),
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


def check_type(value: object, expected: type, path: str) -> None:
    if not isinstance(value, expected):
        raise ApiError(400, "validation_error", f"body failed validation: {path} has the wrong type.")
