"""Data-source schemas (contract §3.3): ``{name: {id, name, description, type, <type>: config}}``.

The title property's id is literally ``"title"``; other ids are short URL-encoded strings
(``"M%3BBw"``). A data source has exactly one title property. ``PATCH /v1/data_sources/{id}``
``properties`` keys are names or ids; a config adds or changes, ``{"name": …}`` renames, ``null``
removes (official JS SDK types, UpdateDataSourceBodyParameters).
"""

from __future__ import annotations

import random
import string
from urllib.parse import quote

from . import richtext
from .apierror import invalid, one_of, validation
from .clock import new_id

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
                new_option(f"{path}.{kind}.options[{i}]", o) for i, o in enumerate(config.get("options", []))
            ]
        }
    elif kind == "number":
        entry[kind] = {"format": config.get("format", "number")}
    return entry


def new_option(path: str, option: object) -> dict:
    if not isinstance(option, dict) or not isinstance(option.get("name"), str):
        raise invalid(
            f"{path}.name", "a string", (option or {}).get("name") if isinstance(option, dict) else option
        )
    if "," in option["name"]:
        # The observed answer (egordm/notionsci#13); select and multi-select alike (unkind reading).
        raise validation(f"Invalid select option, commas not allowed: {option['name']}")
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
                new_option(f"{path}.options[{i}]", o)
                for i, o in enumerate(change[kinds[0]].get("options", []))
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
