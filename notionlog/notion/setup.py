"""``notionlog init``: connect a journal home to a Notion database (or create one) and save it.

Steps, each failing with one clear error: check the token (``GET /users/me``: NotionAuth); find
the database (``--database``: any pasted URL or id → database + first data source) or create one
under a page (``--parent``; an already configured database under that page is reused, so running
init twice creates nothing); check the schema (a title property and a ``Date`` date property are
required, ``Tags`` multi-select is optional) and add what is missing when ``confirm`` agrees, else
NotionSchema names what is missing; finally write ``NOTION_DATABASE_ID`` (and ``NOTION_TOKEN`` when
it was typed in) into ``<home>/.env`` — atomically, mode 0600, other lines kept, untouched if equal.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from notionlog import notion
from notionlog.errors import HomeError, NotionNotShared, NotionSchema
from notionlog.local.journal import write_atomic
from notionlog.notion.ids import parse_id
from notionlog.notion.model import Database
from notionlog.settings import Settings

REQUIRED = {"Date": "date"}
# "notionlog" carries each push's revision mark (see notionlog/sync/sides.py): it is how other
# machines see a content edit, which API writes need not show in last_edited_time.
OPTIONAL = {"Tags": "multi_select", "notionlog": "rich_text"}
_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")
_PLAIN_VALUE = re.compile(r"^[A-Za-z0-9_./:@+-]*$")


@dataclass
class InitResult:
    database: Database
    integration: str | None  # the bot's name, as the user sees it in Notion's Connections menu
    created: bool  # a new database was created under --parent
    added: list[str]  # properties added to the schema
    still_missing: list[str]  # optional properties the user declined
    env_path: Path
    env_changed: bool


def init(
    settings: Settings,
    database: str | None = None,
    parent: str | None = None,
    title: str = "Journal",
    save_token: bool = False,
    confirm: Callable[[list[str]], bool] = lambda names: False,
    connect: Callable | None = None,
) -> InitResult:
    """Run the init steps; ``confirm(names)`` says whether missing properties may be added."""
    api = (connect or notion.connect)(settings)
    try:
        me = api.me()
        if parent is not None:
            db, created = _database_under(api, settings, parent, title)
        else:
            db, created = api.resolve_database(database or settings.database_id or ""), False
        db, added, still_missing = _complete_schema(api, db, confirm)
    finally:
        api.close()
    values = {"NOTION_DATABASE_ID": db.database_id}
    if save_token and settings.token:
        values["NOTION_TOKEN"] = settings.token
    changed = write_env(settings.env_file, values)
    return InitResult(db, me.get("name"), created, added, still_missing, settings.env_file, changed)


def _database_under(api, settings: Settings, parent: str, title: str) -> tuple[Database, bool]:
    """The configured database if it already lives under ``parent``, else a new one there."""
    page_id = parse_id(parent, kind="page", prefer_page=True)
    if settings.database_id:
        try:
            current = api.resolve_database(settings.database_id)
        except NotionNotShared:
            current = None
        if current is not None and current.parent_id == page_id:
            return current, False
    return api.create_database(page_id, title), True


def schema_gaps(db: Database) -> tuple[list[str], list[str], list[str]]:
    """(required missing, optional missing, wrong type): property names, and descriptions for the last."""
    missing: list[str] = []
    optional: list[str] = []
    wrong: list[str] = []
    if db.title_property is None:
        wrong.append("a title property")
    for names, bucket in ((REQUIRED, missing), (OPTIONAL, optional)):
        for name, kind in names.items():
            actual = db.property_type(name)
            if actual is None:
                bucket.append(name)
            elif actual != kind and names is REQUIRED:
                wrong.append(f"{name} as a {kind} property (it is {actual}; rename it in Notion)")
    return missing, optional, wrong


def _complete_schema(api, db: Database, confirm) -> tuple[Database, list[str], list[str]]:
    missing, optional, wrong = schema_gaps(db)
    if wrong:
        raise NotionSchema(database_id=db.database_id, missing=wrong, wrong_type=True)
    wanted = missing + optional
    if not wanted:
        return db, [], []
    if confirm(wanted):
        kinds = {**REQUIRED, **OPTIONAL}
        db = api.ensure_properties(db, {name: {kinds[name]: {}} for name in wanted})
        return db, wanted, []
    if missing:
        raise NotionSchema(database_id=db.database_id,
                           missing=[f"{name} ({REQUIRED[name]})" for name in missing])
    return db, [], optional


def write_env(path: Path, values: dict[str, str]) -> bool:
    """Set ``values`` in the .env file at ``path``; True if its content changed. Always mode 0600.

    Lines for other keys, comments and blank lines are kept as they are; an existing assignment of
    a key is replaced where it stands (``export KEY=`` too), repeats of it are dropped.
    """
    old = _read(path)
    lines, seen = [], set()
    for line in old.splitlines(keepends=True):
        match = _ASSIGNMENT.match(line)
        key = match.group(1) if match else None
        if key in values:
            if key not in seen:
                lines.append(f"{key}={_quote(values[key])}\n")
                seen.add(key)
            continue
        lines.append(line)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines += [f"{key}={_quote(value)}\n" for key, value in values.items() if key not in seen]
    new = "".join(lines)
    if new == old:
        _chmod_private(path)
        return False
    _write_private(path, new)
    return True


def _quote(value: str) -> str:
    if _PLAIN_VALUE.match(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        raise HomeError(path=path, reason="not UTF-8 text; fix or remove it") from None
    except OSError as err:
        raise HomeError(path=path, reason=err.strerror or str(err)) from None


def _chmod_private(path: Path) -> None:
    try:
        if path.exists() and path.stat().st_mode & 0o777 != 0o600:
            path.chmod(0o600)
    except OSError as err:
        raise HomeError(path=path, reason=err.strerror or str(err)) from None


def _write_private(path: Path, text: str) -> None:
    """Written atomically (temp file, fsync, rename), mode 0600 from the first byte."""
    write_atomic(path, text, mode=0o600)


def with_token(settings: Settings, token: str) -> Settings:
    """``settings`` with a token typed at the prompt."""
    return dataclasses.replace(settings, token=token)
