"""No file a clone holds cites a document that only exists outside the repository.

Comments and docs cite docs/architecture.md and docs/notion-contract.md; a reference to the old
external design notes, the shared folder or an issue number means nothing to the next engineer.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Built from pieces so that this file does not match itself.
OUTSIDE = re.compile("|".join([
    r"notion" + r"-api\.md", r"DESIGN" + r"\.md", r"STYLE" + r"\.md", r"/work" + r"/shared",
    r"shared" + r"/(?:notion|samples)", r"\b[Ii]ssue" + r" #?\d",
]))
SUFFIXES = {".py", ".md", ".toml", ".cfg", ".txt", ".yml", ".yaml", ".sh"}


def _files() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "pyproject.toml"]
    for folder in ("notionlog", "tests", "bench", "docs", ".ci"):
        found += [p for p in (ROOT / folder).rglob("*") if p.is_file()
                  and (p.suffix in SUFFIXES or not p.suffix) and "__pycache__" not in p.parts]
    return [p for p in found if p.is_file()]


def test_the_scan_sees_the_code_and_the_pattern_matches_what_it_should():
    names = {p.relative_to(ROOT).as_posix() for p in _files()}
    assert {"notionlog/cli/__init__.py", "docs/architecture.md", "tests/conftest.py"} <= names
    sample = "see " + "notion" + "-api.md §5, " + "issue" + " 4"
    assert len(OUTSIDE.findall(sample)) == 2


def test_no_file_cites_a_path_outside_the_repo():
    hits = []
    for path in _files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert hits == [], "cite docs/ in the repo instead:\n" + "\n".join(hits)
