"""One exception root for everything notionlog refuses to do.

Exceptions carry data, not sentences: the CLI edge (``notionlog/cli/errors.py``) turns each type
into a one-line message, a remedy and an exit status. The tree::

    NotionlogError
    ├── ConfigError            settings that are missing or malformed (all problems at once)
    ├── InputError             something the user typed or wrote that we cannot take
    │   ├── BadDate
    │   ├── UnknownTemplate
    │   ├── TemplateSyntax
    │   ├── NotText            a file that is binary or not UTF-8
    │   │   └── CarryOverUnreadable  ... and it is the entry `new` carries to-dos from
    │   ├── BadFrontMatter     a leading --- YAML --- block that is not valid key: value YAML
    │   ├── BadBlocks          JSON that is not a list of Notion blocks (notionlog render)
    │   ├── NestingTooDeep     lists/quotes nested deeper than the Markdown parser follows
    │   ├── LineTooLong
    │   ├── NoDateFound        an imported file with no date heading and no date in its name
    │   ├── NoEntry            no entry file for the date asked for
    │   ├── NoSection          `add --section` names no section of the entry
    │   ├── ImportConflict     import met existing entries with other text (not overwritten)
    │   ├── BadNotionRef       a --database/--parent value that holds no Notion id
    │   ├── BadPeriod          a --month/--year/--week value that names no such period
    │   ├── ReversedRange      --since after --until
    │   ├── EmptyRange         a period or range holding no entries
    │   ├── UnknownSection     a section name no entry or template has
    │   ├── EmptyQuery         a search for nothing
    │   └── OutputUnwritable   an output file (export -o) that cannot be written
    ├── HomeError              the journal home cannot be created or written
    ├── EditorFailed           $VISUAL/$EDITOR could not be started or failed
    ├── NotionError            the Notion side refused or failed
    │   ├── NotionAuth         token missing, wrong or revoked
    │   ├── NotionNotShared    object missing or not shared with the integration
    │   ├── NotionSchema       database lacks a property we need
    │   ├── NotionRejected     a 400 we did not expect (carries Notion's code and message)
    │   └── NotionUnavailable  network down, 5xx/529 after retries
    ├── StateError             the status store is corrupt or from a newer version
    ├── DatabaseMismatch       the settings name another database than the one this journal syncs with
    ├── SyncLocked             another sync holds the lock on this home
    └── SyncConflict           overlapping edits: both versions kept, user must resolve
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\b(?:ntn|secret)_[A-Za-z0-9]+")  # Notion's token forms: ntn_…, secret_… (older)


def hide_token(text: str) -> str:
    """Anything shaped like a Notion token, hidden (invariant 7: the token never appears)."""
    return _TOKEN.sub("[token hidden]", text)


class NotionlogError(Exception):
    """Root of every error notionlog raises on purpose. Each subclass declares its fields (set in
    its ``__init__``); they are also the exception's ``args``, so ``str(err)`` shows the data."""


@dataclass(frozen=True)
class ConfigProblem:
    key: str  # the setting's name, e.g. NOTION_TOKEN
    problem: str  # short data-ish reason: "missing", "not a number", ...


class ConfigError(NotionlogError):
    problems: list[ConfigProblem]

    def __init__(self, problems: list[ConfigProblem]) -> None:
        super().__init__(problems)
        self.problems = problems


class InputError(NotionlogError):
    pass


class BadDate(InputError):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


class UnknownTemplate(InputError):
    def __init__(self, name: str, available: list[str]) -> None:
        super().__init__(name, available)
        self.name = name
        self.available = available


class TemplateSyntax(InputError):
    def __init__(self, path: Path | str, line: int | None, detail: str) -> None:
        super().__init__(path, line, detail)
        self.path = path
        self.line = line
        self.detail = detail


class NotText(InputError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path)
        self.path = path


class CarryOverUnreadable(NotText):
    pass


class BadFrontMatter(InputError):
    def __init__(self, line: int | None, detail: str, path: Path | str | None = None) -> None:
        super().__init__(line, detail, path)
        self.line = line
        self.detail = detail
        self.path = path


class BadBlocks(InputError):
    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(path, detail)
        self.path = path
        self.detail = detail


class NestingTooDeep(InputError):
    def __init__(self, limit: int, path: Path | str | None = None) -> None:
        super().__init__(limit, path)
        self.limit = limit
        self.path = path


class LineTooLong(InputError):
    def __init__(self, path: Path | str, line: int, length: int, limit: int) -> None:
        super().__init__(path, line, length, limit)
        self.path = path
        self.line = line
        self.length = length
        self.limit = limit


class NoDateFound(InputError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path)
        self.path = path


class NoEntry(InputError):
    def __init__(self, day: str) -> None:
        super().__init__(day)
        self.day = day


class NoSection(InputError):
    def __init__(self, name: str, available: list[str], ambiguous: bool = False) -> None:
        super().__init__(name, available, ambiguous)
        self.name = name
        self.available = available
        self.ambiguous = ambiguous


class ImportConflict(InputError):
    def __init__(self, dates: list[str], paths: list[Path]) -> None:
        super().__init__(dates, paths)
        self.dates = dates
        self.paths = paths


class BadNotionRef(InputError):
    def __init__(self, value: str, kind: str = "database") -> None:
        super().__init__(value, kind)
        self.value = value
        self.kind = kind


class EditorFailed(NotionlogError):
    def __init__(self, editor: str, reason: str, path: Path | str = "") -> None:
        super().__init__(editor, reason, path)
        self.editor = editor
        self.reason = reason
        self.path = path


class HomeError(NotionlogError):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason


class DanglingLink(InputError):
    """An entry file that is a link to a missing file (its folder unmounted, say)."""

    def __init__(self, path: Path | str, target: str) -> None:
        super().__init__(path, target)
        self.path = path
        self.target = target


class NotionError(NotionlogError):
    pass


class NotionAuth(NotionError):
    def __init__(self, missing: bool = False) -> None:
        super().__init__(missing)
        self.missing = missing


class NotionNotShared(NotionError):
    def __init__(self, object_id: str, kind: str = "object") -> None:
        super().__init__(object_id, kind)
        self.object_id = object_id
        self.kind = kind


class NotionBlockLimit(NotionError):
    """The workspace is over its plan's block limit (403 restricted_resource + block_limit)."""

    def __init__(self, object_id: str) -> None:
        super().__init__(object_id)
        self.object_id = object_id


class BadTag(InputError):
    """A tag Notion refuses as a multi-select option (a comma in its name)."""

    def __init__(self, date: str, tag: str) -> None:
        super().__init__(date, tag)
        self.date = date
        self.tag = tag


class ColumnsKept(InputError):
    """An edit would leave a column list one column, and the list holds a block (``kind``) that
    cannot be re-created outside it."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class BrokenTag(InputError):
    """A page's file holds a tag line read as text (never closed, closing nothing, or under a
    paragraph line): pushed, it could turn a block of the page into text. ``note`` names the line."""

    def __init__(self, date: str, note: str) -> None:
        super().__init__(date, note)
        self.date = date
        self.note = note


class WouldDeleteMany(NotionlogError):
    """``--delete`` would spread the loss of a whole side or of an unusual share of it."""

    def __init__(self, side: str, count: int, total: int, reason: str) -> None:
        super().__init__(side, count, total, reason)
        self.side = side
        self.count = count
        self.total = total
        self.reason = reason


class NotionSchema(NotionError):
    def __init__(self, database_id: str, missing: list[str], wrong_type: bool = False) -> None:
        super().__init__(database_id, missing, wrong_type)
        self.database_id = database_id
        self.missing = missing
        self.wrong_type = wrong_type


class NotionRejected(NotionError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status, code, message)
        self.status = status
        self.code = code
        self.message = message


class NotionUnavailable(NotionError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StateError(NotionlogError):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason


class DatabaseMismatch(NotionlogError):
    def __init__(self, journal_database: str, configured: str, origin: str) -> None:
        super().__init__(journal_database, configured, origin)
        self.journal_database = journal_database
        self.configured = configured
        self.origin = origin


class SyncLocked(NotionlogError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path)
        self.path = path


class SyncConflict(NotionlogError):
    def __init__(self, dates: list[str], copies: list[Path]) -> None:
        super().__init__(dates, copies)
        self.dates = dates
        self.copies = copies


# Look-back (search, calendar, review, export, stats).

class BadPeriod(InputError):
    def __init__(self, value: str, kind: str) -> None:  # kind: "month", "year"
        super().__init__(value, kind)
        self.value = value
        self.kind = kind


class ReversedRange(InputError):
    def __init__(self, since: str, until: str) -> None:
        super().__init__(since, until)
        self.since = since
        self.until = until


class EmptyRange(InputError):
    def __init__(self, first: str, last: str) -> None:
        super().__init__(first, last)
        self.first = first
        self.last = last


class UnknownSection(InputError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name, known)
        self.name = name
        self.known = known


class EmptyQuery(InputError):
    def __init__(self) -> None:
        super().__init__()


class OutputUnwritable(InputError):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason
