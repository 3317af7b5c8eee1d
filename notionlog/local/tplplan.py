"""Render plans: a cache of compiled templates that renders without importing Jinja2.

Why: importing Jinja2 is most of what `notionlog new` costs (about 65 ms of a ~110 ms run on the
development machine), while a journal template is text, variables, a method call like
``date.strftime('%Y%m%d')`` and an ``{% if %}``. So the first time a template is rendered, Jinja2
parses it and :func:`build` turns the parse tree into a plan — a JSON list of operations — if the
template uses only this subset of Jinja2:

* text, ``{{ expression }}`` output, ``{% if %}`` / ``{% elif %}`` / ``{% else %}``;
* expressions: a variable, a constant, ``a.b``, a call ``f(constant-free args…)`` without keyword
  arguments, ``not x``.

Anything else (filters, loops, macros, tests, operators, …) gives no plan, and Jinja2 renders that
template every time. The plan is stored with the template's exact source text, so any edit to the
template invalidates it. Rendering a plan follows Jinja2's semantics for the subset: output is
``str(value)`` (no autoescape, no finalize), ``if`` uses Python truth, names come from the context.
Whenever the plan cannot be sure — an unknown name (which Jinja2 would resolve from its globals or
report as undefined), a missing attribute, a call that raises — :func:`render` raises
:class:`Fallback` and the caller renders with Jinja2, which also words any error. Equivalence with
Jinja2 is checked by tests/test_templates.py on the built-in templates and on generated input.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from notionlog.errors import HomeError
from notionlog.local import journal

VERSION = 1
_CACHE = Path(".notionlog") / "template-plans.json"
_CONSTANTS = (str, int, float, bool, type(None))


class Fallback(Exception):
    """The plan cannot render this context exactly as Jinja2 would: use Jinja2."""


class _Unsupported(Exception):
    pass


def build(tree) -> list | None:
    """The plan for a parsed Jinja2 template (``Environment.parse``), or None outside the subset."""
    try:
        return _body(tree.body)
    except _Unsupported:
        return None


def _body(nodes) -> list:
    plan: list = []
    for node in nodes:
        kind = type(node).__name__
        if kind == "Output":
            plan.extend(_output(child) for child in node.nodes)
        elif kind == "If":
            branches = [[_expr(node.test), _body(node.body)]]
            branches += [[_expr(extra.test), _body(extra.body)] for extra in node.elif_]
            plan.append(["if", branches, _body(node.else_)])
        else:
            raise _Unsupported(kind)
    return plan


def _output(node) -> list:
    if type(node).__name__ == "TemplateData":
        return ["text", node.data]
    return ["out", _expr(node)]


def _expr(node) -> list:
    kind = type(node).__name__
    if kind == "Name" and node.ctx == "load":
        return ["name", node.name]
    if kind == "Const" and isinstance(node.value, _CONSTANTS):
        return ["const", node.value]
    if kind == "Getattr":
        return ["attr", _expr(node.node), node.attr]
    if kind == "Call" and not (node.kwargs or node.dyn_args or node.dyn_kwargs):
        return ["call", _expr(node.node), [_expr(arg) for arg in node.args]]
    if kind == "Not":
        return ["not", _expr(node.node)]
    raise _Unsupported(kind)


def render(plan: list, context: dict) -> str:
    """The text Jinja2 would produce for ``context``; Fallback when unsure."""
    parts: list[str] = []
    _run(plan, context, parts)
    return "".join(parts)


def _run(plan: list, context: dict, parts: list[str]) -> None:
    for op in plan:
        if op[0] == "text":
            parts.append(op[1])
        elif op[0] == "out":
            parts.append(str(_eval(op[1], context)))
        else:  # ["if", [[test, body], ...], else_body]
            chosen = next((body for test, body in op[1] if _eval(test, context)), op[2])
            _run(chosen, context, parts)


def _eval(expr: list, context: dict):
    kind = expr[0]
    if kind == "name":
        if expr[1] not in context:
            raise Fallback(expr[1])
        return context[expr[1]]
    if kind == "const":
        return expr[1]
    if kind == "not":
        return not _eval(expr[1], context)
    target = _eval(expr[1], context)
    try:
        if kind == "attr":
            return getattr(target, expr[2])
        return target(*(_eval(arg, context) for arg in expr[2]))
    except Fallback:
        raise
    except Exception as err:  # noqa: BLE001 — Jinja2 re-renders and reports it with the line
        raise Fallback(str(err)) from None


def lookup(home: Path, template: Path, source: str) -> list | None:
    """The stored plan for ``template`` if it was built from exactly ``source``."""
    try:
        stored = json.loads((home / _CACHE).read_text(encoding="utf-8"))
        entry = stored["plans"][str(template)]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if stored.get("version") != VERSION or entry.get("source") != source:
        return None
    return entry.get("plan")


def store(home: Path, template: Path, source: str, plan: list) -> None:
    """Remember ``plan`` for ``template``; best effort (a home that cannot be written is reported
    by the command's own write, not here)."""
    try:
        stored = json.loads((home / _CACHE).read_text(encoding="utf-8"))
        plans = stored["plans"] if stored.get("version") == VERSION else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        plans = {}
    plans[str(template)] = {"source": source, "plan": plan}
    text = json.dumps({"version": VERSION, "plans": plans}, ensure_ascii=False)

    with contextlib.suppress(HomeError):
        journal.write_atomic(home / _CACHE, text + "\n")
