"""Request shapes and a refusal catcher shared by the contract tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from notion_client import APIResponseError


def text(content: str) -> list[dict]:
    return [{"text": {"content": content}}]


def para(content: str, children: list | None = None) -> dict:
    body: dict = {"rich_text": text(content)}
    if children is not None:
        body["children"] = children
    return {"paragraph": body}


def bullet(content: str, children: list | None = None) -> dict:
    body: dict = {"rich_text": text(content)}
    if children is not None:
        body["children"] = children
    return {"bulleted_list_item": body}


def refusal(call: Callable[[], object]) -> APIResponseError:
    """The error ``call`` must raise (a success fails the test)."""
    with pytest.raises(APIResponseError) as caught:
        call()
    return caught.value


def entry(client, ds: str, day: str, **extra) -> dict:
    """A journal entry page: Name and Date set to ``day``."""
    properties = {"Name": {"title": text(day)}, "Date": {"date": {"start": day}}}
    return client.pages.create(parent={"data_source_id": ds}, properties=properties, **extra)


def children(client, block_id: str) -> list[dict]:
    return client.blocks.children.list(block_id)["results"]
