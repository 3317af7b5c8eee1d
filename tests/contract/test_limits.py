"""Contract: request size limits and their messages (the request-limits reference; the message
grammar is the one observed in real answers, quoted in users' bug reports)."""

from __future__ import annotations

from notion_client import APIErrorCode

from .helpers import bullet, para, refusal, text


def test_at_most_100_children_per_append(backend):
    """The writer splits appends into batches of 100; the 101st child is a validation error."""
    client = backend.client
    error = refusal(
        lambda: client.blocks.children.append(backend.parent_id, children=[para(str(i)) for i in range(101)])
    )
    assert error.code == APIErrorCode.ValidationError
    assert "body.children.length should be ≤ `100`, instead was `101`." in str(error)


def test_two_levels_of_nesting_per_request(backend):
    """Children and grandchildren in one request; a grandchild with children is refused, so deeper
    trees are appended in a second request under the returned ids."""
    client = backend.client
    two = [bullet("a", [bullet("b", [bullet("c")])])]
    assert len(client.blocks.children.append(backend.parent_id, children=two)["results"]) == 1
    three = [bullet("a", [bullet("b", [bullet("c", [bullet("d")])])])]
    error = refusal(lambda: client.blocks.children.append(backend.parent_id, children=three))
    assert "bulleted_list_item.children should be not present" in str(error)


def test_text_content_is_at_most_2000_utf16_units(backend):
    """The converter splits runs at 2000 UTF-16 code units: an astral character counts two."""
    client = backend.client
    assert client.blocks.children.append(backend.parent_id, children=[para("a" * 1998 + "😀")])["results"]
    error = refusal(
        lambda: client.blocks.children.append(backend.parent_id, children=[para("a" * 1999 + "😀")])
    )
    assert str(error).endswith("text.content.length should be ≤ `2000`, instead was `2001`.")


def test_at_most_100_rich_text_items(backend):
    """The converter merges runs so that a block never carries more than 100 rich-text items."""
    block = {"paragraph": {"rich_text": [{"text": {"content": "x"}}] * 101}}
    error = refusal(lambda: backend.client.blocks.children.append(backend.parent_id, children=[block]))
    assert "rich_text.length should be ≤ `100`, instead was `101`." in str(error)


def test_page_size_is_at_most_100(backend):
    """Listings ask for 100 at most; more is a validation error, not a silent cap."""
    error = refusal(lambda: backend.client.blocks.children.list(backend.parent_id, page_size=101))
    assert error.code == APIErrorCode.ValidationError


def test_links_must_be_absolute_http(backend):
    """A relative Markdown link cannot go to Notion as a link: "Invalid URL for link."."""
    block = {"paragraph": {"rich_text": [{"text": {"content": "x", "link": {"url": "notes/a.md"}}}]}}
    error = refusal(lambda: backend.client.blocks.children.append(backend.parent_id, children=[block]))
    assert error.code == APIErrorCode.ValidationError and "Invalid URL for link." in str(error)


def test_code_languages_come_from_a_fixed_list(backend):
    """A fence's info string outside Notion's list must be mapped (to "plain text") before sending."""
    block = {"code": {"rich_text": text("x"), "language": "not-a-language"}}
    error = refusal(lambda: backend.client.blocks.children.append(backend.parent_id, children=[block]))
    assert error.code == APIErrorCode.ValidationError and "body.children[0].code.language" in str(error)
