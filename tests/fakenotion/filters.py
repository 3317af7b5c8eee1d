"""Data-source query filters as the product uses them (contract §3.4).

Filters: a property filter ``{"property": name|id, "<type>": {op: value}}`` whose type key must
match the property's type; a timestamp filter ``{"timestamp": "created_time"|"last_edited_time",
…}`` needing no schema property; ``{"and": […]}`` / ``{"or": […]}`` nested at most two levels
(a commonly cited cap — applied strictly). Date operands are ISO dates/date-times or the relative
words Notion documents; a date-only operand compares calendar days, one with a time compares
instants (no zone = UTC). Timestamp filters see the minute-rounded times the API shows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from . import properties as props
from . import richtext
from .apierror import invalid, not_present, one_of, undefined, validation
from .clock import parse_instant, truncate_minute

MAX_COMPOUND_DEPTH = 2
DATE_OPS = (
    "equals",
    "before",
    "after",
    "on_or_before",
    "on_or_after",
    "is_empty",
    "is_not_empty",
    "past_week",
    "past_month",
    "past_year",
    "next_week",
    "next_month",
    "next_year",
    "this_week",
)
TEXT_OPS = (
    "equals",
    "does_not_equal",
    "contains",
    "does_not_contain",
    "starts_with",
    "ends_with",
    "is_empty",
    "is_not_empty",
)
NUMBER_OPS = (
    "equals",
    "does_not_equal",
    "greater_than",
    "less_than",
    "greater_than_or_equal_to",
    "less_than_or_equal_to",
    "is_empty",
    "is_not_empty",
)
RELATIVE = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "one_week_ago": -7,
    "one_week_from_now": 7,
    "one_month_ago": -30,
    "one_month_from_now": 30,
}
WINDOWS = {
    "past_week": (-7, 0),
    "past_month": (-30, 0),
    "past_year": (-365, 0),
    "next_week": (0, 7),
    "next_month": (0, 30),
    "next_year": (0, 365),
    "this_week": (None, None),
}


def compile_filter(store, ds, path: str, filt: object, depth: int):
    if not isinstance(filt, dict):
        raise invalid(path, "an object", filt)
    for joiner in ("and", "or"):
        if joiner in filt:
            if depth >= MAX_COMPOUND_DEPTH:
                raise validation(
                    f"body failed validation: {path}.{joiner} exceeds the maximum filter "
                    f"nesting depth of {MAX_COMPOUND_DEPTH}."
                )
            parts = filt[joiner]
            if not isinstance(parts, list):
                raise invalid(f"{path}.{joiner}", "an array", parts)
            tests = [
                compile_filter(store, ds, f"{path}.{joiner}[{i}]", p, depth + 1) for i, p in enumerate(parts)
            ]
            combine = all if joiner == "and" else any
            return lambda page, tests=tests, combine=combine: combine(t(page) for t in tests)
    if "timestamp" in filt:
        return _timestamp_filter(store, path, filt)
    if "property" not in filt:
        raise undefined(f"{path}.property")
    name = props.find(ds.schema, filt["property"])
    if name is None:
        raise validation(f"Could not find property with name or id: {filt['property']}")
    entry = ds.schema[name]
    kind = entry["type"]
    family = {
        "created_time": "date",
        "last_edited_time": "date",
        "url": "rich_text",
        "email": "rich_text",
        "phone_number": "rich_text",
    }.get(kind, kind)
    key = next((k for k in filt if k != "property"), None)
    if key not in (kind, family) and not (family == "rich_text" and key in ("rich_text", "title", kind)):
        raise validation(f"body failed validation: {path}.{kind} should be defined, instead was `undefined`.")
    condition = filt[key]
    getter = value_getter(store, entry)
    return _condition(store, f"{path}.{key}", family, condition, getter)


def value_getter(store, entry):
    kind, ident = entry["type"], entry["id"]
    if kind in ("created_time", "last_edited_time"):
        return lambda page: truncate_minute(page.created if kind == "created_time" else page.edited)
    empty = props.empty_value(entry)

    def value(page):
        raw = page.values.get(ident, {}).get(kind, empty)
        if kind in ("title", "rich_text"):
            return richtext.plain(raw)
        return raw

    return value


def _timestamp_filter(store, path: str, filt: dict):
    which = filt["timestamp"]
    if which not in ("created_time", "last_edited_time"):
        raise one_of(f"{path}.timestamp", ["created_time", "last_edited_time"], which)
    if which not in filt:
        raise undefined(f"{path}.{which}")
    return _condition(
        store,
        f"{path}.{which}",
        "date",
        filt[which],
        lambda page: truncate_minute(page.created if which == "created_time" else page.edited),
    )


def _condition(store, path: str, family: str, condition: object, getter):
    if not isinstance(condition, dict) or len(condition) != 1:
        raise invalid(path, "an object with exactly one operator", condition)
    op, operand = next(iter(condition.items()))
    builders = {
        "date": _date_test,
        "title": _text_test,
        "rich_text": _text_test,
        "number": _number_test,
        "checkbox": _checkbox_test,
        "select": _select_test,
        "multi_select": _multi_test,
    }
    if family not in builders:
        raise validation(f"Filtering on {family} properties is not emulated.")
    return builders[family](store, f"{path}.{op}", op, operand, getter)


def _date_test(store, path, op, operand, getter):
    if op not in DATE_OPS:
        raise not_present(path, operand)
    if op in ("is_empty", "is_not_empty"):
        return lambda page: (date_start(getter(page)) is None) == (op == "is_empty")
    today = store.clock.now().date()
    if op in WINDOWS:
        low, high = _window(op, today)
        return lambda page: (d := _day(getter(page))) is not None and low <= d <= high
    bound, day_only = _operand(path, operand, today)

    def test(page) -> bool:
        value = getter(page)
        moment = date_start(value)
        if moment is None:
            return False
        left = _day(value) if day_only else moment
        right = bound.date() if day_only else bound
        return {
            "equals": left == right,
            "before": left < right,
            "after": left > right,
            "on_or_before": left <= right,
            "on_or_after": left >= right,
        }[op]

    return test


def _window(op: str, today: date) -> tuple[date, date]:
    if op == "this_week":
        start = today - timedelta(days=(today.weekday() + 1) % 7)  # weeks start on Sunday
        return start, start + timedelta(days=6)
    low, high = WINDOWS[op]
    return today + timedelta(days=low), today + timedelta(days=high)


def _operand(path: str, operand: object, today: date) -> tuple[datetime, bool]:
    if isinstance(operand, str) and operand in RELATIVE:
        day = today + timedelta(days=RELATIVE[operand])
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc), True
    moment = parse_instant(operand) if isinstance(operand, str) else None
    if moment is None:
        raise invalid(path, "a valid ISO 8601 date string", operand)
    return moment, len(operand) == 10


def date_start(value) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, dict) and value.get("start"):
        return parse_instant(value["start"])
    return None


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, dict) and value.get("start"):
        return date.fromisoformat(value["start"][:10])
    return None


def _text_test(store, path, op, operand, getter):
    if op not in TEXT_OPS:
        raise not_present(path, operand)
    if op in ("is_empty", "is_not_empty"):
        return lambda page: (not getter(page)) == (op == "is_empty")
    if not isinstance(operand, str):
        raise invalid(path, "a string", operand)
    needle = operand.lower()
    checks = {
        "equals": lambda v: v == operand,
        "does_not_equal": lambda v: v != operand,
        "contains": lambda v: needle in v.lower(),
        "does_not_contain": lambda v: needle not in v.lower(),
        "starts_with": lambda v: v.lower().startswith(needle),
        "ends_with": lambda v: v.lower().endswith(needle),
    }
    check = checks[op]
    return lambda page: check(getter(page) or "")


def _number_test(store, path, op, operand, getter):
    if op not in NUMBER_OPS:
        raise not_present(path, operand)
    if op in ("is_empty", "is_not_empty"):
        return lambda page: (getter(page) is None) == (op == "is_empty")
    if isinstance(operand, bool) or not isinstance(operand, (int, float)):
        raise invalid(path, "a number", operand)
    compare = {
        "equals": float.__eq__,
        "does_not_equal": float.__ne__,
        "greater_than": float.__gt__,
        "less_than": float.__lt__,
        "greater_than_or_equal_to": float.__ge__,
        "less_than_or_equal_to": float.__le__,
    }[op]
    return lambda page: getter(page) is not None and compare(float(getter(page)), float(operand))


def _checkbox_test(store, path, op, operand, getter):
    if op not in ("equals", "does_not_equal") or not isinstance(operand, bool):
        raise (
            invalid(path, "a boolean", operand)
            if op in ("equals", "does_not_equal")
            else not_present(path, operand)
        )
    return lambda page: (getter(page) == operand) == (op == "equals")


def _select_test(store, path, op, operand, getter):
    if op not in ("equals", "does_not_equal", "is_empty", "is_not_empty"):
        raise not_present(path, operand)
    if op in ("is_empty", "is_not_empty"):
        return lambda page: (getter(page) is None) == (op == "is_empty")
    name = lambda page: (getter(page) or {}).get("name")  # noqa: E731
    return lambda page: (name(page) == operand) == (op == "equals")


def _multi_test(store, path, op, operand, getter):
    if op not in ("contains", "does_not_contain", "is_empty", "is_not_empty"):
        raise not_present(path, operand)
    if op in ("is_empty", "is_not_empty"):
        return lambda page: (not getter(page)) == (op == "is_empty")
    names = lambda page: {o["name"] for o in getter(page) or []}  # noqa: E731
    return lambda page: (operand in names(page)) == (op == "contains")
