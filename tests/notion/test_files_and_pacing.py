"""Downloads of Notion-hosted files, and pacing measured end to end with an injected clock."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from notionlog.errors import NotionUnavailable
from notionlog.notion import connect
from notionlog.settings import Settings


def test_a_hosted_file_is_downloaded_as_is_and_an_expired_link_is_unavailable(api, fakenotion):
    data = bytes(range(256)) * 4
    image = {"type": "image", "image": {"type": "file", "data_base64": base64.b64encode(data).decode(),
                                        "name": "a.png"}}
    page = fakenotion.add_page("With a file", children=[image])
    block = api.fetch_blocks(page["id"])[0]
    url = block["image"]["file"]["url"]  # left as Notion gave it
    before = api.requests_sent
    assert api.download(url) == data
    assert api.downloads_sent == 1 and api.requests_sent == before  # not a request to the API
    fakenotion.advance_clock(2 * 3600)  # hosted links expire after about an hour
    with pytest.raises(NotionUnavailable) as caught:
        api.download(url)
    assert "403" in caught.value.reason and "X-Amz" not in caught.value.reason


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_requests_to_notion_are_paced_at_max_rps(fakenotion):
    time = FakeTime()
    settings = Settings(home=Path("home"), token=fakenotion.token, base_url=fakenotion.base_url, max_rps=3)
    api = connect(settings, clock=time.clock, sleep=time.sleep)
    for _ in range(13):
        api.me()
    assert api.requests_sent == len(fakenotion.requests()) == 13
    assert time.now == pytest.approx(4.0)  # 12 gaps of 1/3 s: never more than 3 a second
    api.close()
