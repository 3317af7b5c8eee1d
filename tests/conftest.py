"""Shared fixtures. Every test is isolated from the real home, the real .env and the network."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples, so a submission's result does not
# depend on the draw; runs on a developer's machine keep exploring new ones (and keep what fails
# in .hypothesis/ to try first next time).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Point NOTIONLOG_HOME and HOME (so ~/.cache too) at fresh temp dirs, clear NOTION*/EDITOR,
    run from an empty cwd."""
    import os

    for key in list(os.environ):
        if key.startswith(("NOTION", "NOTIONLOG")) or key in {"EDITOR", "VISUAL", "XDG_CACHE_HOME"}:
            monkeypatch.delenv(key)
    home = tmp_path / "home"
    monkeypatch.setenv("NOTIONLOG_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return home


# The Notion emulator's fixtures (a live HTTP server on 127.0.0.1 per test that asks for it).
pytest_plugins = ["tests.fakenotion.fixtures"]
