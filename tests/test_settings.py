from pathlib import Path

import pytest

from notionlog import settings
from notionlog.errors import ConfigError


def test_order_flag_over_env_over_cwd_over_home(tmp_path):
    home = tmp_path / "h"
    home.mkdir()
    (home / ".env").write_text("NOTION_DATABASE_ID=from-home\nNOTIONLOG_MAX_RPS=7\n")
    cwd = tmp_path / "c"
    cwd.mkdir()
    (cwd / ".env").write_text("NOTION_DATABASE_ID=from-cwd\nNOTIONLOG_TEMPLATE=english\n")
    env = {"NOTIONLOG_HOME": str(home), "NOTIONLOG_TEMPLATE": "from-env"}

    s = settings.load({"NOTIONLOG_TEMPLATE": "from-flag"}, environ=env, cwd=cwd)
    assert s.home == home
    assert s.template == "from-flag"
    assert s.database_id == "from-cwd"
    assert s.max_rps == 7.0
    assert settings.load({}, environ=env, cwd=cwd).template == "from-env"


def test_default_home_and_values(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    s = settings.load({}, environ={}, cwd=tmp_path)
    assert s.home == Path(tmp_path) / "notionlog"
    assert s.base_url == "https://api.notion.com"
    assert s.carry_over is True
    assert s.token is None


def test_all_problems_reported_together(tmp_path):
    env = {"NOTIONLOG_MAX_RPS": "fast", "NOTIONLOG_CARRY_OVER": "maybe", "NOTION_BASE_URL": "x"}
    with pytest.raises(ConfigError) as info:
        settings.load({}, environ=env, cwd=tmp_path)
    assert {p.key for p in info.value.problems} == {
        "NOTIONLOG_MAX_RPS", "NOTIONLOG_CARRY_OVER", "NOTION_BASE_URL"}


def test_token_never_in_repr(tmp_path):
    s = settings.load({}, environ={"NOTION_TOKEN": "ntn_supersecret"}, cwd=tmp_path)
    assert s.token == "ntn_supersecret"
    assert "supersecret" not in repr(s)
