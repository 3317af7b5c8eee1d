"""The error boundary: every NotionlogError becomes one line, a remedy and an exit status.

This is the only place where error sentences are written (see notionlog/errors.py for the tree).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from notionlog import errors as e
from notionlog.cli.exitcodes import ExitStatus


def _config(err: e.ConfigError) -> tuple[str, str]:
    parts = [f"{p.key} {p.problem}" for p in err.problems]
    remedy = "set them in the environment or in <home>/.env (see .env.example)"
    if any(p.key == "NOTION_TOKEN" and p.problem.startswith(("missing", "not given"))
           for p in err.problems):
        remedy = ("pass --token, set NOTION_TOKEN (an internal integration secret), or run "
                  "`notionlog init` in a terminal")
    elif any(p.key.endswith(".env") for p in err.problems):
        remedy = "fix or remove that file (settings files are UTF-8 KEY=value lines)"
    return "settings: " + "; ".join(parts), remedy


def _mismatch(err: e.DatabaseMismatch) -> tuple[str, str]:
    where = "the environment" if err.origin == "environment" else err.origin
    fix = ("unset NOTION_DATABASE_ID" if err.origin == "environment"
           else f"remove NOTION_DATABASE_ID from {err.origin} (or set it to {err.journal_database})")
    return (f"this journal syncs with database {err.journal_database}, but NOTION_DATABASE_ID in "
            f"{where} names database {err.configured}; nothing was synced",
            f"{fix}; a journal for the other database needs its own --home")


def _rejected(err: e.NotionRejected) -> tuple[str, str]:
    message = f"Notion refused the request ({err.status} {err.code}): {err.message}"
    if err.code == "validation_error" and "propert" in str(err.message).lower():
        # e.g. the Date property was deleted or renamed in Notion since the last check
        return message, "run `notionlog init --yes` to check the database and add what is missing"
    return message, "re-run with --debug and report it if it persists"


MESSAGES: dict[type, tuple[ExitStatus, Callable[[Any], tuple[str, str]]]] = {}
E = TypeVar("E", bound=e.NotionlogError)


def _on(kind: type[E], status: ExitStatus, render: Callable[[E], tuple[str, str]]) -> None:
    """Register how errors of ``kind`` read: ``render(err) -> (message, remedy)``, typed for mypy."""
    MESSAGES[kind] = (status, render)


_on(e.ConfigError, ExitStatus.INPUT, _config)
_on(e.BadDate, ExitStatus.INPUT,
    lambda x: (f"not a valid date: {x.value!r}",
               "use today, yesterday, tomorrow, YYYY-MM-DD or YYYYMMDD "
               "(a real day from 0001-01-02 to 9999-12-30)"))
_on(e.UnknownTemplate, ExitStatus.INPUT,
    lambda x: (f"no template named {x.name!r}",
               "available: " + (", ".join(x.available) or "none")))
_on(e.TemplateSyntax, ExitStatus.INPUT,
    lambda x: (f"template {x.path}" + (f", line {x.line}" if x.line else "") + f": {x.detail}",
               "fix the template and run the command again"))
_on(e.NotText, ExitStatus.INPUT,
    lambda x: (f"{x.path} is not UTF-8 text",
               "give UTF-8 text" if x.path == "standard input"
               else "convert it to UTF-8 or move it out of the journal"))
_on(e.CarryOverUnreadable, ExitStatus.INPUT,
    lambda x: (f"{x.path} is not UTF-8 text, so its open to-dos cannot be carried over",
               "convert it to UTF-8, or run the command again with --no-carry-over"))
_on(e.BadFrontMatter, ExitStatus.INPUT,
    lambda x: ((f"{x.path}: " if x.path else "") + "front matter"
               + (f", line {x.line}" if x.line else "") + f" is not valid YAML: {x.detail}",
               "fix the YAML between the leading --- lines, or remove that block"))
_on(e.BadBlocks, ExitStatus.INPUT,
    lambda x: (f"{x.path} is not Notion blocks JSON: {x.detail}",
               'give {"title": ..., "children": [blocks]} or a list of block objects'))
_on(e.NestingTooDeep, ExitStatus.INPUT,
    lambda x: ((f"{x.path}: " if x.path else "") + f"lists or quotes nest more than {x.limit}"
               " levels deep", "flatten the deepest levels; nothing was converted"))
_on(e.LineTooLong, ExitStatus.INPUT,
    lambda x: (f"{x.path}, line {x.line}: {x.length} characters (limit {x.limit})",
               "split the line"))
_on(e.NoDateFound, ExitStatus.INPUT,
    lambda x: (f"{x.path}: no date heading (## 20211207 or ## 2021-12-07) and no date in its name",
               "add such a heading, or name the file YYYY-MM-DD.md"))
_on(e.NoEntry, ExitStatus.INPUT,
    lambda x: (f"there is no entry for {x.day}", f"create it with `notionlog new --date {x.day}`"))
_on(e.NoSection, ExitStatus.INPUT,
    lambda x: ((f"{x.name!r} could be more than one section" if x.ambiguous else
                f"the entry has no section {x.name!r}") + "; nothing was added",
               ("say which: " if x.ambiguous else "sections: ")
               + (", ".join(repr(n) for n in x.available) or "none")))
_on(e.ImportConflict, ExitStatus.INPUT,
    lambda x: ("not imported, an entry with other text exists for " + ", ".join(x.dates),
               "merge by hand into " + ", ".join(str(p) for p in x.paths)))
_on(e.BadNotionRef, ExitStatus.INPUT,
    lambda x: (f"no Notion {x.kind} id in {x.value!r}",
               f"paste the {x.kind}'s link (••• → Copy link) or its 32-character id"))
_on(e.EditorFailed, ExitStatus.INPUT,  # a setting (VISUAL/EDITOR) names a program that does not work,
    lambda x: (f"the editor {x.editor!r} failed: {x.reason}",
               f"the entry is saved as {x.path}; set VISUAL or EDITOR to a working editor, "
               "or open the file with any editor"))
_on(e.DanglingLink, ExitStatus.INPUT,
    lambda x: (f"{x.path} links to {x.target}, which is missing: is its folder unmounted?",
               "mount it again (or remove the link); until then the entry is not synced"))
_on(e.HomeError, ExitStatus.INPUT,
    lambda x: (f"journal home {x.path}: {x.reason}",
               "choose a writable folder with --home or NOTIONLOG_HOME"))
_on(e.NotionAuth, ExitStatus.NOTION,
    lambda x: ("no Notion token is set" if x.missing else "Notion rejected the token",
               "set NOTION_TOKEN to your integration's secret (ntn_…), or run `notionlog init`"))
_on(e.NotionNotShared, ExitStatus.NOTION,
    lambda x: (f"Notion {x.kind} {x.object_id} was not found or is not shared with the integration",
               "in Notion open it, ••• → Connections → add your integration"))
_on(e.NotionSchema, ExitStatus.NOTION,
    lambda x: (f"database {x.database_id} lacks " + ", ".join(x.missing),
               "in Notion rename or delete that property (notionlog never replaces one), then "
               "run `notionlog init --yes` to add the right one" if x.wrong_type else
               "run `notionlog init --yes` to add the missing properties"))
_on(e.NotionBlockLimit, ExitStatus.NOTION,
    lambda x: (f"the Notion workspace is over its plan's block limit (writing {x.object_id})",
               "upgrade the workspace's plan or remove blocks in Notion, then sync again"))
_on(e.BadTag, ExitStatus.INPUT,
    lambda x: (f"{x.date}: tag {x.tag!r} contains a comma, which Notion refuses in a tag",
               "rename the tag in the entry's front matter (e.g. use - or /), then sync again"))
_on(e.ColumnsKept, ExitStatus.INPUT,
    lambda x: ("the edit leaves a column list in Notion with one column (Notion needs two), and the "
               f"list holds a {x.kind.replace('_', ' ')}, which cannot be re-created outside it; "
               "nothing was sent",
               "put a line back in that column, or take the "
               f"{x.kind.replace('_', ' ')} out of the columns in Notion, then sync again"))
_on(e.BrokenTag, ExitStatus.INPUT,
    lambda x: (f"{x.note}; nothing was sent",
               "put the blank line or the closing tag back (or write \\< to mean the text), "
               "then sync again"))
_on(e.WouldDeleteMany, ExitStatus.INPUT,
    lambda x: (f"--delete would remove {x.count} of {x.total} entries {x.side}: {x.reason}; "
               "nothing was deleted",
               "check the journal folder and Notion; if this is really meant, run "
               "`notionlog sync --delete --force-delete`"))
_on(e.NotionRejected, ExitStatus.NOTION, _rejected)
_on(e.NotionUnavailable, ExitStatus.UNAVAILABLE,
    lambda x: (f"Notion is unavailable: {x.reason}",
               "nothing was lost; run the same command again later"))
_on(e.StateError, ExitStatus.STATE,
    lambda x: (f"status store {x.path}: {x.reason}",
               "move it aside; the next sync rebuilds it from Notion and your files"))
_on(e.DatabaseMismatch, ExitStatus.INPUT, _mismatch)
_on(e.SyncLocked, ExitStatus.LOCKED,
    lambda x: (f"another sync is running on this journal (lock {x.path})",
               "wait for it to finish; if none is running, delete the lock file"))
_on(e.SyncConflict, ExitStatus.CONFLICT,
    lambda x: ("conflicting edits in " + ", ".join(x.dates) + "; Notion's version is kept beside"
               " each file", "merge by hand, then `notionlog resolve DATE`"))
# Look-back.
_on(e.BadPeriod, ExitStatus.INPUT,
    lambda x: (f"not a valid {x.kind}: {x.value!r}",
               {"month": "use YYYY-MM, e.g. 2021-12",
                "week": "choose a day of a week within 0001-9999"}.get(x.kind, "use a year such as 2021")))
_on(e.ReversedRange, ExitStatus.INPUT,
    lambda x: (f"--since {x.since} is after --until {x.until}", "swap the two dates"))
_on(e.EmptyRange, ExitStatus.INPUT,
    lambda x: (f"no entries from {x.first} to {x.last}",
               "choose a period with entries (`notionlog list` shows them)"))
_on(e.UnknownSection, ExitStatus.INPUT,
    lambda x: (f"no section named {x.name!r}", "known sections: " + (", ".join(x.known) or "none")))
_on(e.EmptyQuery, ExitStatus.INPUT,
    lambda x: ("nothing to search for", "give the text to find, e.g. notionlog search 회고"))
_on(e.OutputUnwritable, ExitStatus.INPUT,
    lambda x: (f"cannot write {x.path}: {x.reason}",
               "choose a writable file with -o (nothing was written)"))


def describe(err: e.NotionlogError) -> tuple[str, str, ExitStatus]:
    """Message, remedy and exit status for an error, by the nearest registered type."""
    for cls in type(err).__mro__:
        if cls in MESSAGES:
            status, render = MESSAGES[cls]
            message, remedy = render(err)
            return message, remedy, status
    return type(err).__name__, "re-run with --debug and report it", ExitStatus.ERROR
