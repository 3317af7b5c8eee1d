"""Line-based three-way merge of one entry, via the ``merge3`` library (bzr's diff3 algorithm).

All three inputs are *normalized* Markdown (``convert.normalize``), so differences in blank lines or
trailing spaces between the file and the rendered page never show up as edits. Regions changed on
one side only are taken from that side; regions changed identically on both are taken once;
regions changed differently on both are conflicts. With ``prefer`` a conflicting region takes the
preferred side's lines (the other side is still kept on disk by the caller); without it the merge
reports the conflict and produces no text.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    import merge3

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
            conflicts += 1
            if prefer == "remote":
                out.extend(m.b[region[5]:region[6]])
            else:
                out.extend(m.a[region[3]:region[4]])
    if conflicts and prefer is None:
        return Merged(None, conflicts)
    return Merged("".join(out), conflicts)


def explained_by(text: str, *sources: str) -> bool:
    """True if every line of ``text`` occurs in one of ``sources``.

    Used to tell a page that our own interrupted push left half-written (its lines all come from
    the old base or from the version we were pushing) from a page someone edited in Notion.
    """
    known: set[str] = set()
    for source in sources:
        known.update(line.rstrip() for line in source.splitlines())
    return all(line.rstrip() in known for line in text.splitlines())
