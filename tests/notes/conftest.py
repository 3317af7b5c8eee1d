"""Fixtures for the notes tests: a connected NotionAPI on the emulator and linked-page content."""

from __future__ import annotations

import base64
import datetime

import pytest

SEED_ID = "d06d1f9a-6753-4ffd-bad2-0c2fac7132fe"
SEED_URL = "https://zeuskim.notion.site/MLOps-d06d1f9a67534ffdbad20c2fac7132fe"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
MLOPS_MD = """## MLOps 강의 정리

- 인프라 구축
    - 배포
        - 모델 및 실험 관리 자동화
            - Feature 관리
- **Online serving**: flask, `django` 처럼 직접 개발
1. 클라우드
2. 직접 개발

> 꽃 피는 시기가 꽃마다 다른것처럼 🌸
"""


def image_block(name: str = "diagram.png", data: bytes = PNG) -> dict:
    hosted = {"name": name, "data_base64": base64.b64encode(data).decode()}
    return {"type": "image", "image": {"type": "file", "file": hosted}}


@pytest.fixture
def api(fakenotion, isolated):
    """A NotionAPI connected to the emulator (no pacing)."""
    from notionlog import settings
    from notionlog.notion import connect

    conf = settings.load({"NOTION_TOKEN": fakenotion.token, "NOTION_BASE_URL": fakenotion.base_url,
                          "NOTIONLOG_MAX_RPS": 1000})
    connection = connect(conf)
    yield connection
    connection.close()


@pytest.fixture
def seed_entry():
    from pathlib import Path

    seed = Path(__file__).parents[1] / "data" / "20211207-seed-entry.md"
    return {datetime.date(2021, 12, 7): seed.read_text(encoding="utf-8")}


class Later:
    """A clock for pull_notes: the real time plus an offset tests move forward."""

    def __init__(self) -> None:
        self.offset = datetime.timedelta()

    def __call__(self) -> datetime.datetime:
        return datetime.datetime.now(datetime.timezone.utc) + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += datetime.timedelta(seconds=seconds)


@pytest.fixture
def clock():
    return Later()
