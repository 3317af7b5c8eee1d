"""notionlog.richtext: the one place rich text and page titles become plain text."""

from __future__ import annotations

from notionlog.richtext import page_title, plain_text, title_rich_text


def test_page_title_reads_whatever_the_title_property_is_called():
    page = {"properties": {"Date": {"type": "date", "date": None},
                           "이름": {"type": "title", "title": [{"plain_text": "ML"}, {"plain_text": "Ops"}]}}}
    assert page_title(page) == "MLOps"
    assert title_rich_text(page) == [{"plain_text": "ML"}, {"plain_text": "Ops"}]
    assert page_title({"properties": {}}) == ""


def test_plain_text_reads_response_and_request_shapes_and_equations():
    response = [{"type": "text", "text": {"content": "x"}, "plain_text": "a "},
                {"type": "mention", "mention": {}, "plain_text": "@Kim"}]
    request = [{"type": "text", "text": {"content": "E = "}},
               {"type": "equation", "equation": {"expression": "mc^2"}}]
    assert plain_text(response) == "a @Kim"  # plain_text wins where the API gives it
    assert plain_text(request) == "E = mc^2"
    assert plain_text(None) == ""
