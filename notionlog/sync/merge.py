"""Line-based three-way merge of one entry, via the ``merge3`` library (bzr's diff3 algorithm).

All three inputs are *normalized* Markdown (``convert.normalize``), so differences in blank lines or
trailing spaces between the file and the rendered page never show up as edits. Regions changed on
one side only are taken from that side; regions changed identically on both are taken once;
regions changed differently on both are refined line by line (:func:`merge_hunks`): only edits to
the same lines are conflicts. With ``prefer`` a conflicting region takes the
preferred side's lines (the other side is still kept on disk by the caller); without it the merge
reports the conflict and produces no text.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import merge3


@dataclass(frozen=True)
class Merged:
    text: str | None  # None when there were conflicts and no side was preferred
    conflicts: int


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # a missing final newline must not make the last line differ
    return lines


def merge(base: str, local: str, remote: str, prefer: str | None = None) -> Merged:
    """Three-way merge of ``local`` and ``remote`` against ``base``; ``prefer`` is local|remote."""
    m = merge3.Merge3(_lines(base), _lines(local), _lines(remote))
    out: list[str] = []
    conflicts = 0
    for region in m.merge_regions():
        kind = region[0]
        if kind == "unchanged":
            out.extend(m.base[region[1]:region[2]])
        elif kind in ("a", "same"):
            out.extend(m.a[region[1]:region[2]])
        elif kind == "b":
            out.extend(m.b[region[1]:region[2]])
        else:  # conflict: (kind, z0, z1, a0, a1, b0, b1)
            z0, z1, a0, a1, b0, b1 = region[1:7]  # type: ignore[misc]  # merge3's tuples vary
            a, b = list(m.a[a0:a1]), list(m.b[b0:b1])
            fine = merge_hunks(list(m.base[z0:z1]), a, b)
            if fine is not None:
                out.extend(fine)
                continue
            conflicts += 1
            out.extend(b if prefer == "remote" else a)
    if not conflicts and not _keeps_shared_lines(out, m.a, m.b):
        # diff3 aligned a repeated line differently on each side (each deleted another copy):
        # applying both deletions would lose a line both sides kept. Safer as a conflict.
        conflicts, out = 1, list(m.b if prefer == "remote" else m.a)
    if conflicts and prefer is None:
        return Merged(None, conflicts)
    return Merged("".join(out), conflicts)


def _keeps_shared_lines(merged: list[str], a: Sequence[str], b: Sequence[str]) -> bool:
    """Every non-blank line is in the merge at least as often as both sides still have it."""
    have, ours, theirs = Counter(merged), Counter(a), Counter(b)
    return all(have[line] >= min(ours[line], theirs[line]) for line in ours if line.strip())


Hunk = tuple[int, int, list[str]]  # base lines [start, end) replaced by these lines


def _hunks(base: list[str], side: list[str]) -> list[Hunk]:
    matcher = difflib.SequenceMatcher(None, base, side, autojunk=False)
    return [(i1, i2, side[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _overlap(x: Hunk, y: Hunk) -> bool:
    """Do two edits touch the same base lines? A line inserted next to a changed line does not."""
    if x == y:
        return False  # the same edit on both sides
    if x[0] == x[1] and y[0] == y[1]:
        return x[0] == y[0]  # two insertions at one place: which goes first is unknown
    return max(x[0], y[0]) < min(x[1], y[1]) or any(
        h[0] == h[1] and o[0] < h[0] < o[1] for h, o in ((x, y), (y, x)))


def merge_hunks(base: list[str], a: list[str], b: list[str]) -> list[str] | None:
    """Merge a region merge3 calls a conflict, line by line: diff3 also refuses edits that merely
    touch (a changed line and a line added or changed next to it); those merge here. None when
    both sides really edited the same lines."""
    ours, theirs = _hunks(base, a), _hunks(base, b)
    if any(_overlap(x, y) for x in ours for y in theirs):
        return None
    out: list[str] = []
    at = 0
    for start, end, lines in sorted({(h[0], h[1], tuple(h[2])) for h in ours + theirs}):
        out.extend(base[at:start])
        out.extend(lines)
        at = end
    out.extend(base[at:])
    return out if _plausible(out, a, b) else None


def _plausible(merged: list[str], a: list[str], b: list[str]) -> bool:
    """No line both sides kept is missing, and none appears more often than on either side.

    difflib aligns repeated lines arbitrarily: each side may delete a *different* copy of a line
    both kept once, and applying both deletions would lose it. Such a merge is a conflict instead.
    """
    have, ours, theirs = Counter(merged), Counter(a), Counter(b)
    return all(min(ours[line], theirs[line]) <= have[line] <= max(ours[line], theirs[line])
               for line in ours.keys() | theirs.keys() | have.keys())


def explained_by(text: str, *sources: str) -> bool:
    """True if every line of ``text`` occurs in one of ``sources``.

    Used to tell a page that our own interrupted push left half-written (its lines all come from
    the old base or from the version we were pushing) from a page someone edited in Notion.
    """
    known: set[str] = set()
    for source in sources:
        known.update(line.rstrip() for line in source.splitlines())
    return all(line.rstrip() in known for line in text.splitlines())
