"""Entry templates: find them (a user's ``<home>/templates/NAME.md`` overrides a built-in), render
them with Jinja2 and the day's variables, and carry open to-dos over from the previous entry.

A template that stays within a small subset of Jinja2 is rendered from a cached plan without
importing Jinja2 at all (tplplan.py); otherwise, and on first use, Jinja2 renders it, with one cheap
Environment per call: StrictUndefined (a misspelt variable is an
error naming the file and line, never a silent blank), ``keep_trailing_newline`` (the file ends as the
template does), no loader, no auto-reload and no template cache — a morning run renders one template
once, so Jinja2's caching machinery would only cost time. Errors from a template, at compile or at
render time, become :class:`TemplateSyntax` with the template's path and line.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from notionlog.errors import CarryOverUnreadable, NotText, TemplateSyntax, UnknownTemplate
from notionlog.local import carryover, journal, tplplan

WEEKDAYS_KO = ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일")
# Fixed names, not strftime("%A"): the output must not depend on the machine's locale.
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CARRY_VAR = "carry_over"
CARRY_NESTED = "carry_over_indented"  # the same, indented 4 spaces: to nest under a section bullet


def builtin_dir() -> Path:
    """Built-in templates: inside the wheel (``notionlog/_templates``), else the checkout's ``templates/``."""
    package = Path(__file__).parents[1]  # notionlog/
    packaged = package / "_templates"
    return packaged if packaged.is_dir() else package.parent / "templates"


def available(home: Path) -> dict[str, Path]:
    """Template name -> file, sorted by name; a user template shadows the built-in of the same name."""
    found: dict[str, Path] = {}
    for folder in (builtin_dir(), home / "templates"):  # later folders win
        if folder.is_dir():
            found.update({p.stem: p for p in folder.glob("*.md") if p.is_file()})
    return dict(sorted(found.items()))


def find(home: Path, name: str) -> Path:
    """The file for template ``name``; UnknownTemplate (listing the available ones) if there is none."""
    user = home / "templates" / f"{name}.md"
    if "/" not in name and "\\" not in name and name not in ("", ".", ".."):
        if user.is_file():
            return user
        builtin = builtin_dir() / f"{name}.md"
        if builtin.is_file():
            return builtin
    raise UnknownTemplate(name, list(available(home)))


def variables(home: Path, day: datetime.date, previous: tuple[datetime.date, Path] | None) -> dict:
    """The names a template may use (documented in the README)."""
    link_path = link = ""
    if previous is not None:
        here = journal.entry_path(home, day).parent
        link_path = Path(os.path.relpath(previous[1], here)).as_posix()
        link = f"[{previous[0].isoformat()}]({link_path})"
    return {
        "date": day,
        "weekday_ko": WEEKDAYS_KO[day.weekday()],
        "weekday_en": WEEKDAYS_EN[day.weekday()],
        "yesterday": day - datetime.timedelta(days=1),
        "tomorrow": day + datetime.timedelta(days=1),
        "previous": previous[0] if previous else None,
        "previous_path": link_path,
        "previous_link": link,
        CARRY_VAR: "",
        CARRY_NESTED: "",
    }


def _nested(text: str) -> str:
    return "\n".join("    " + line if line else line for line in text.split("\n"))


def previous_entry(home: Path, day: datetime.date) -> tuple[datetime.date, Path] | None:
    """The most recent entry strictly before ``day`` (not only yesterday's), or None."""
    earlier = [item for item in journal.iter_entries(home) if item[0] < day]
    return earlier[-1] if earlier else None


def compose(home: Path, day: datetime.date, name: str, carry: bool = True) -> str:
    """The text of a new entry: template ``name`` rendered for ``day``, plus carried-over to-dos.

    Carry-over takes the open ``- [ ]`` items of the most recent earlier entry, minus any whose text
    the rendered template already holds. A template that uses ``{{ carry_over }}`` places them itself;
    otherwise they are appended after a blank line.
    """
    path = find(home, name)
    previous = previous_entry(home, day)
    context = variables(home, day, previous)
    render = _renderer(home, path)
    text = render(context)
    if not carry or previous is None:
        return text
    try:
        earlier = journal.read_text(previous[1])
    except NotText:
        raise CarryOverUnreadable(previous[1]) from None
    blocks = carryover.missing_from(text, carryover.open_todos(earlier))
    if not blocks:
        return text
    carried = "\n".join(blocks)
    if _uses_carry(path):
        return render({**context, CARRY_VAR: carried, CARRY_NESTED: _nested(carried)})
    return text.rstrip("\n") + "\n\n" + carried + "\n"


def _uses_carry(path: Path) -> bool:
    # A text check is enough: a template that merely mentions the name in a comment still renders
    # correctly, it just gets no appended copy.
    return CARRY_VAR in journal.read_text(path)


def _renderer(home: Path, path: Path):
    """``render(context) -> str`` for the template at ``path``: its cached plan when there is one
    (no Jinja2 import; see tplplan.py), else Jinja2, storing a plan for next time."""
    source = journal.read_text(path)
    plan = tplplan.lookup(home, path, source)
    if plan is None:
        render, plan = _compile(path, source)
        if plan is not None:
            tplplan.store(home, path, source, plan)
        return render

    def render_plan(context: dict) -> str:
        try:
            return tplplan.render(plan, context)
        except tplplan.Fallback:  # Jinja2 decides (and words any error, with its line)
            return _compile(path, source)[0](context)

    return render_plan


def _compile(path: Path, source: str):
    """Compile with Jinja2: ``(render(context) -> str, plan or None)``; errors are TemplateSyntax."""
    import jinja2  # deferred: about 65 ms, and plain templates render from cached plans (tplplan.py)

    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False,
        auto_reload=False, cache_size=0,
    )
    try:
        tree = env.parse(source, name=path.name, filename=str(path))
        code = env.compile(tree, name=path.name, filename=str(path))
    except jinja2.TemplateSyntaxError as err:
        raise TemplateSyntax(path, err.lineno, err.message or "syntax error") from None
    template = env.template_class.from_code(env, code, env.make_globals(None))

    def render(context: dict) -> str:
        try:
            return template.render(context)
        except Exception as err:  # noqa: BLE001 — anything a user's template raises is the template's fault
            raise TemplateSyntax(path, _template_line(err, path), _detail(err)) from None

    return render, tplplan.build(tree)


def _template_line(err: BaseException, path: Path) -> int | None:
    """The template line of the deepest traceback frame Jinja2 mapped back to the template file."""
    line = None
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _detail(err: BaseException) -> str:
    return str(err) or type(err).__name__
