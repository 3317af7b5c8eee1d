"""Fetch the converter corpus from PyPI into a cache outside the repo (``pip download`` only).

Sdists of popular Python packages (their ``.md`` files), markdown-it-py's and mdit-py-plugins'
test data (the CommonMark spec examples and parser fixtures), and one peer converter
(notion-markdown, a wheel, with its dependency mistune) to time blocks -> Markdown beside ours.
Run: .venv/bin/python bench/corpus/fetch.py   (then bench/corpus/run.py). Nothing is fetched twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CACHE = Path(os.environ.get("NOTIONLOG_CORPUS", Path.home() / ".cache" / "notionlog-corpus"))
SDISTS = CACHE / "sdists"
PEER = CACHE / "peer"
SPEC_SOURCES = ["markdown-it-py", "mdit-py-plugins"]
PEERS = ["notion-markdown==0.7.0", "mistune>=3.1,<4", "typing-extensions>=4.5"]
PACKAGES = [
    "requests", "httpx", "httpcore", "rich", "typer", "click", "fastapi", "starlette", "pydantic",
    "pydantic-settings", "uvicorn", "black", "isort", "pytest", "pluggy", "attrs", "cattrs",
    "structlog", "loguru", "tqdm", "markdown", "mistune", "mkdocs", "mkdocstrings", "griffe",
    "pymdown-extensions", "python-dotenv", "tomlkit", "platformdirs", "filelock", "virtualenv",
    "tox", "nox", "pre-commit", "poetry", "poetry-core", "hatch", "hatchling", "pdm", "build",
    "twine", "setuptools-scm", "packaging", "pip-tools", "pipx", "typing-extensions", "anyio",
    "trio", "sniffio", "h11", "idna", "certifi", "urllib3", "charset-normalizer", "sqlmodel",
    "httpie", "llm", "sqlite-utils", "datasette", "textual", "rich-click", "questionary",
    "myst-parser", "jupytext", "nbformat", "openai", "anthropic", "notion-client", "slack-sdk",
    "fsspec", "dataclasses-json", "msgspec", "pendulum", "arrow", "humanize", "tabulate",
    "prettytable", "termcolor", "jsonschema", "referencing", "dynaconf", "environs", "pytest-mock",
    "freezegun", "responses", "respx", "vcrpy", "time-machine", "faker", "tenacity", "backoff",
    "schedule", "redis", "dramatiq", "huey", "beautifulsoup4", "html2text", "markdownify",
    "mdformat", "marko", "mistletoe", "python-frontmatter", "yamllint", "commonmark",
]


def download(spec: str, dest: Path, sdist: bool) -> bool:
    """One ``pip download`` (no dependencies); True when a file for it is in ``dest``."""
    name = spec.split("=")[0].split(">")[0].split("<")[0]
    # The sdist of the package itself; its build backend (for the metadata step) from wheels.
    flags = ["--no-binary", name] if sdist else ["--only-binary", ":all:"]
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", *flags,
                           "-d", str(dest), spec], capture_output=True, text=True, timeout=600)
    return done.returncode == 0


def _have(dest: Path, name: str) -> bool:
    stem = name.lower().replace("-", "_")
    return any(f.name.lower().replace("-", "_").startswith(stem + "-") for f in dest.iterdir())


def main() -> None:
    SDISTS.mkdir(parents=True, exist_ok=True)
    PEER.mkdir(parents=True, exist_ok=True)
    wanted = [name for name in PACKAGES + SPEC_SOURCES if not _have(SDISTS, name)]
    with ThreadPoolExecutor(max_workers=2) as pool:  # a small shared machine: two at a time
        results = dict(zip(wanted, pool.map(lambda n: download(n, SDISTS, True), wanted), strict=True))
    for spec in PEERS:
        name = spec.split("=")[0].split(">")[0]
        if not _have(PEER, name):
            download(spec, PEER, sdist=False)
    failed = [name for name, ok in results.items() if not ok]
    print(f"{len(list(SDISTS.iterdir()))} sdists in {SDISTS}"
          + (f"; not fetched: {' '.join(failed)}" if failed else ""))


if __name__ == "__main__":
    main()
