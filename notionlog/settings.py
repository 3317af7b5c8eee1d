"""The one place that reads ``os.environ`` and ``.env`` files.

Resolution order, highest first (documented in the README):

1. command-line flags (passed in as ``flags``)
2. the process environment
3. ``.env`` in the current directory
4. ``.env`` in the journal home
5. defaults

The home itself is resolved with 1–3 and 5 (the home's own ``.env`` cannot say where the home is).
Every malformed value is collected and reported together in one :class:`ConfigError`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from notionlog.errors import ConfigError, ConfigProblem, HomeError

DEFAULT_BASE_URL = "https://api.notion.com"
DEFAULTS: dict[str, str] = {
    "NOTION_BASE_URL": DEFAULT_BASE_URL,
    "NOTIONLOG_MAX_RPS": "3",
    "NOTIONLOG_TEMPLATE": "daily",
    "NOTIONLOG_CARRY_OVER": "true",
    "NOTIONLOG_NOTES_DEPTH": "1",
}
KEYS = (
    "NOTION_TOKEN",
    "NOTION_DATABASE_ID",
    "NOTIONLOG_HOME",
    "NOTION_BASE_URL",
    "NOTIONLOG_MAX_RPS",
    "NOTIONLOG_TEMPLATE",
    "NOTIONLOG_CARRY_OVER",
    "NOTIONLOG_NOTES_DEPTH",
)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def default_home() -> Path:
    return Path.home() / "notionlog"


@dataclass(frozen=True)
class Settings:
    home: Path
    token: str | None = field(default=None, repr=False)  # never printed, never logged
    database_id: str | None = None
    base_url: str = DEFAULT_BASE_URL
    max_rps: float = 3.0
    template: str = "daily"
    carry_over: bool = True
    notes_depth: int = 1
    sources: Mapping[str, str] = field(default_factory=dict, repr=False)  # key -> where it came from

    @property
    def env_file(self) -> Path:
        return self.home / ".env"


def _read_env_file(path: Path) -> dict[str, str]:
    try:
        if not path.is_file():
            return {}
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError([ConfigProblem(str(path), "is not UTF-8 text (save it as UTF-8)")]) from None
    except OSError as err:
        raise ConfigError([ConfigProblem(str(path), f"cannot be read ({err.strerror})")]) from None
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path, encoding="utf-8").items() if v is not None and k in KEYS}


def _layers(
    flags: Mapping[str, object], environ: Mapping[str, str], cwd: Path
) -> list[tuple[str, Mapping[str, str]]]:
    given = {k: str(v) for k, v in flags.items() if v is not None}
    env = {k: v for k, v in environ.items() if k in KEYS and v != ""}
    return [("flag", given), ("environment", env), (str(cwd / ".env"), _read_env_file(cwd / ".env"))]


def load(
    flags: Mapping[str, object] | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Resolve settings; ``flags`` uses the same keys as the environment (e.g. NOTIONLOG_HOME)."""
    layers = _layers(flags or {}, os.environ if environ is None else environ, cwd or Path.cwd())
    home_raw = next((layer["NOTIONLOG_HOME"] for _, layer in layers if "NOTIONLOG_HOME" in layer), None)
    home = Path(home_raw).expanduser() if home_raw else default_home()
    layers.append((str(home / ".env"), _read_env_file(home / ".env")))
    layers.append(("default", DEFAULTS))

    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for origin, layer in layers:
        for key, value in layer.items():
            if key not in values:
                values[key], sources[key] = value, origin
    return _build(home, values, sources)


def for_command(home: str | Path | None, **flags: object) -> Settings:
    """Settings for a command: the global ``--home`` plus the command's own flags (env-var names);
    a home that exists but is not a folder is refused here, before any command uses it."""
    loaded = load({"NOTIONLOG_HOME": home, **flags})
    if loaded.home.exists() and not loaded.home.is_dir():
        raise HomeError(loaded.home, "not a folder")
    return loaded


def _build(home: Path, values: dict[str, str], sources: dict[str, str]) -> Settings:
    problems: list[ConfigProblem] = []

    def number(key: str, kind: type, minimum: float) -> float:
        try:
            result = kind(values[key])
        except ValueError:
            problems.append(ConfigProblem(key, f"{values[key]!r} is not a number"))
            return kind(DEFAULTS[key])
        if result < minimum:
            problems.append(ConfigProblem(key, f"must be at least {minimum}"))
        return result

    carry = values["NOTIONLOG_CARRY_OVER"].strip().lower()
    if carry not in _TRUE | _FALSE:
        problems.append(ConfigProblem("NOTIONLOG_CARRY_OVER", f"{carry!r} is not true or false"))
    base_url = values["NOTION_BASE_URL"].rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        problems.append(ConfigProblem("NOTION_BASE_URL", "must start with http:// or https://"))
    token = _token(values.get("NOTION_TOKEN"), problems)
    settings = Settings(
        home=home,
        token=token,
        database_id=values.get("NOTION_DATABASE_ID"),
        base_url=base_url,
        max_rps=number("NOTIONLOG_MAX_RPS", float, 0.1),
        template=values["NOTIONLOG_TEMPLATE"],
        carry_over=carry not in _FALSE,
        notes_depth=int(number("NOTIONLOG_NOTES_DEPTH", int, 0)),
        sources=sources,
    )
    if problems:
        raise ConfigError(problems)
    return settings


def _token(raw: str | None, problems: list[ConfigProblem]) -> str | None:
    """The token without surrounding whitespace (a pasted or echoed secret often ends in a newline);
    a token with any other character than printable ASCII is no Notion token (and would not fit in
    an HTTP header). The problem never quotes the value: the token is never printed."""
    if raw is None:
        return None
    token = raw.strip()
    if not token:
        return None
    if not all("!" <= ch <= "~" for ch in token):
        problems.append(ConfigProblem("NOTION_TOKEN", "holds a space or a character that is not "
                                      "plain ASCII (copy the secret again)"))
        return None
    return token


def require(settings: Settings, *keys: str) -> None:
    """Raise one ConfigError naming every required key that is unset."""
    attr = {"NOTION_TOKEN": "token", "NOTION_DATABASE_ID": "database_id"}
    missing = [ConfigProblem(k, "missing") for k in keys if not getattr(settings, attr[k])]
    if missing:
        raise ConfigError(missing)
