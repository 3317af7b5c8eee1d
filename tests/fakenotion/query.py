"""``POST /v1/data_sources/{id}/query``: which rows, in which order (contract §3.4).

Rows are filtered (filters.py), then sorted: sort keys apply in the order given (a stable sort per
key, last key first); without sorts rows keep creation order; empty values sort last whatever the
direction. Timestamp sorts see the minute-rounded times the API shows.
"""

from __future__ import annotations

from . import properties as props
from .apierror import invalid, one_of, undefined, validation
from .clock import truncate_minute
from .filters import compile_filter, date_start, value_getter


def select(store, ds, pages: list, filt: object, sorts: object) -> list:
    if filt is not None:
        test = compile_filter(store, ds, "body.filter", filt, 0)
        pages = [p for p in pages if test(p)]
    if sorts is not None:
        pages = sort(store, ds, pages, sorts)
    return pages


def sort(store, ds, pages: list, sorts: object) -> list:
    """Stable multi-key sort: apply the keys from last to first; empties always last."""
    if not isinstance(sorts, list):
        raise invalid("body.sorts", "an array", sorts)
    ordered = list(pages)
    for i, spec in reversed(list(enumerate(sorts))):
        getter = _sort_getter(store, ds, f"body.sorts[{i}]", spec)
        descending = spec.get("direction", "ascending") == "descending"
        if spec.get("direction", "ascending") not in ("ascending", "descending"):
            raise one_of(f"body.sorts[{i}].direction", ["ascending", "descending"], spec.get("direction"))
        present = [p for p in ordered if getter(p) is not None]
        missing = [p for p in ordered if getter(p) is None]
        ordered = sorted(present, key=getter, reverse=descending) + missing
    return ordered


def _sort_getter(store, ds, path: str, spec: object):
    if not isinstance(spec, dict):
        raise invalid(path, "an object", spec)
    if "timestamp" in spec:
        which = spec["timestamp"]
        if which not in ("created_time", "last_edited_time"):
            raise one_of(f"{path}.timestamp", ["created_time", "last_edited_time"], which)
        return lambda page: truncate_minute(page.created if which == "created_time" else page.edited)
    if "property" not in spec:
        raise undefined(f"{path}.property")
    name = props.find(ds.schema, spec["property"])
    if name is None:
        raise validation(f"Could not find sort property with name or id: {spec['property']}")
    getter = value_getter(store, ds.schema[name])
    kind = ds.schema[name]["type"]

    def key(page):
        value = getter(page)
        if kind == "date":
            return date_start(value)
        if kind == "select":
            return (value or {}).get("name")
        if kind == "multi_select":
            return ",".join(o["name"] for o in value) or None
        return value if value not in ("", []) else None

    return key
