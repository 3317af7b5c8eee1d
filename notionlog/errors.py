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

from dataclasses import dataclass
from pathlib import Path


class NotionlogError(Exception):
    """Root of every error notionlog raises on purpose."""

    def __init__(self, **data: object) -> None:
        super().__init__(*data.values())
        self.__dict__.update(data)


@dataclass(frozen=True)
class ConfigProblem:
    key: str  # the setting's name, e.g. NOTION_TOKEN
    problem: str  # short data-ish reason: "missing", "not a number", ...


class ConfigError(NotionlogError):
    problems: list[ConfigProblem]

    def __init__(self, problems: list[ConfigProblem]) -> None:
        super().__init__(problems=problems)


class InputError(NotionlogError):
    pass


class BadDate(InputError):
    def __init__(self, value: str) -> None:
        super().__init__(value=value)


class UnknownTemplate(InputError):
    def __init__(self, name: str, available: list[str]) -> None:
        super().__init__(name=name, available=available)


class TemplateSyntax(InputError):
    def __init__(self, path: Path | str, line: int | None, detail: str) -> None:
        super().__init__(path=path, line=line, detail=detail)


class NotText(InputError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path=path)


class CarryOverUnreadable(NotText):
    pass


class BadFrontMatter(InputError):
    def __init__(self, line: int | None, detail: str, path: Path | str | None = None) -> None:
        super().__init__(line=line, detail=detail, path=path)


class BadBlocks(InputError):
    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(path=path, detail=detail)


class NestingTooDeep(InputError):
    def __init__(self, limit: int, path: Path | str | None = None) -> None:
        super().__init__(limit=limit, path=path)


class LineTooLong(InputError):
    def __init__(self, path: Path | str, line: int, length: int, limit: int) -> None:
        super().__init__(path=path, line=line, length=length, limit=limit)


class NoDateFound(InputError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path=path)


class NoEntry(InputError):
    def __init__(self, day: str) -> None:
        super().__init__(day=day)


class ImportConflict(InputError):
    def __init__(self, dates: list[str], paths: list[Path]) -> None:
        super().__init__(dates=dates, paths=paths)


class BadNotionRef(InputError):
    def __init__(self, value: str, kind: str = "database") -> None:
        super().__init__(value=value, kind=kind)


class EditorFailed(NotionlogError):
    def __init__(self, editor: str, reason: str, path: Path | str = "") -> None:
        super().__init__(editor=editor, reason=reason, path=path)


class HomeError(NotionlogError):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path=path, reason=reason)


class NotionError(NotionlogError):
    pass


class NotionAuth(NotionError):
    def __init__(self, missing: bool = False) -> None:
        super().__init__(missing=missing)


class NotionNotShared(NotionError):
    def __init__(self, object_id: str, kind: str = "object") -> None:
        super().__init__(object_id=object_id, kind=kind)


class NotionBlockLimit(NotionError):
    """The workspace is over its plan's block limit (403 restricted_resource + block_limit)."""

    def __init__(self, object_id: str) -> None:
        super().__init__(object_id=object_id)


class BadTag(InputError):
    """A tag Notion refuses as a multi-select option (a comma in its name)."""

    def __init__(self, date: str, tag: str) -> None:
        super().__init__(date=date, tag=tag)


class WouldDeleteMany(NotionlogError):
    """``--delete`` would spread the loss of a whole side or of an unusual share of it."""

    def __init__(self, side: str, count: int, total: int, reason: str) -> None:
        super().__init__(side=side, count=count, total=total, reason=reason)


class NotionSchema(NotionError):
    def __init__(self, database_id: str, missing: list[str], wrong_type: bool = False) -> None:
        super().__init__(database_id=database_id, missing=missing, wrong_type=wrong_type)


class NotionRejected(NotionError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status=status, code=code, message=message)


class NotionUnavailable(NotionError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason=reason)


class StateError(NotionlogError):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path=path, reason=reason)


class DatabaseMismatch(NotionlogError):
    def __init__(self, journal_database: str, configured: str, origin: str) -> None:
        super().__init__(journal_database=journal_database, configured=configured, origin=origin)


class SyncLocked(NotionlogError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path=path)


class SyncConflict(NotionlogError):
    def __init__(self, dates: list[str], copies: list[Path]) -> None:
        super().__init__(dates=dates, copies=copies)


# Look-back (search, calendar, review, export, stats).

class BadPeriod(InputError):
    def __init__(self, value: str, kind: str) -> None:  # kind: "month", "year"
        super().__init__(value=value, kind=kind)


class ReversedRange(InputError):
    def __init__(self, since: str, until: str) -> None:
        super().__init__(since=since, until=until)


class EmptyRange(InputError):
    def __init__(self, first: str, last: str) -> None:
        super().__init__(first=first, last=last)


class UnknownSection(InputError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name=name, known=known)


class EmptyQuery(InputError):
    def __init__(self) -> None:
        super().__init__()


class OutputUnwritable(InputError):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path=path, reason=reason)
