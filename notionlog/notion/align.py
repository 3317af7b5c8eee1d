"""Aligning two lists of block keys: difflib's opcodes, with equal lines paired in place.

``difflib.SequenceMatcher`` pairs the first equal line it finds: for two equal lines of which the
first was edited (``a, a`` → ``a edited, a``) it keeps the *first* block for the second line, so the
edit becomes an insert plus a trash instead of an edit in place. :func:`opcodes` pairs by a longest
common subsequence whose ties go to the latest pairing, which keeps each unchanged line on its own
block and leaves the edited one in a replace run. Long lists (rare in a journal) fall back to difflib.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

LIMIT = 40_000  # cells of the table; beyond it difflib's heuristic is used
Opcode = tuple[str, int, int, int, int]


def opcodes(old: list[str], new: list[str],
            weight: Callable[[int, int], int] | None = None) -> list[Opcode]:
    """``SequenceMatcher.get_opcodes()``'s form: (tag, i1, i2, j1, j2) covering both lists.

    ``weight(i, j)`` is what pairing the equal ``old[i]`` and ``new[j]`` is worth (say, the blocks
    of a subtree kept whole: a moved line is re-created rather than the heading it jumped over,
    with all that heading holds)."""
    if len(old) * len(new) > LIMIT:
        return list(SequenceMatcher(None, old, new, autojunk=False).get_opcodes())
    return _from_pairs(_lcs(old, new, weight or (lambda i, j: 1)), len(old), len(new))


def _lcs(old: list[str], new: list[str], weight: Callable[[int, int], int]) -> list[tuple[int, int]]:
    rows, cols = len(old), len(new)
    best = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows):
        for j in range(cols):
            best[i + 1][j + 1] = max(best[i][j + 1], best[i + 1][j],
                                     best[i][j] + weight(i, j) if old[i] == new[j] else 0)
    pairs: list[tuple[int, int]] = []
    i, j = rows, cols
    while i and j:
        if old[i - 1] == new[j - 1] and best[i][j] == best[i - 1][j - 1] + weight(i - 1, j - 1):
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i - 1][j] >= best[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _from_pairs(pairs: list[tuple[int, int]], rows: int, cols: int) -> list[Opcode]:
    out: list[Opcode] = []
    i = j = 0
    for a, b in [*pairs, (rows, cols)]:
        if a > i or b > j:
            tag = "replace" if a > i and b > j else "delete" if a > i else "insert"
            out.append((tag, i, a, j, b))
        if a < rows:
            if out and out[-1][0] == "equal":
                _, i1, _, j1, _ = out.pop()
                out.append(("equal", i1, a + 1, j1, b + 1))
            else:
                out.append(("equal", a, a + 1, b, b + 1))
        i, j = a + 1, b + 1
    return out
