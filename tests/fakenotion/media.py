"""Media block payloads (image, video, file, pdf, audio): external URLs, uploads, hosted fixture files.

An external URL must be absolute http(s); an external *image* must also name a supported image file
type (below). ``file_upload`` sources attach a sent upload (uploads.py) through ``Context.attach``;
fixture content (``Context.fixture``) may carry the file's bytes (``data_base64``).
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import urlsplit

from . import richtext
from .apierror import ApiError, invalid, undefined
from .fields import Context, allowed, rich


def media_payload(kind, where, body, ctx, creating, current) -> dict:
    source = body.get("type") or next((k for k in ("external", "file", "file_upload") if k in body), None)
    hosted = ("data_base64",) if ctx.fixture else ()  # fixture content may carry the file's bytes
    allowed(where, body, ("type", "external", "file", "file_upload", "caption", "name", *hosted))
    caption = rich(where, body, "caption", ctx, creating, current, required=False)
    if source is None and not creating:
        return {**current, "caption": caption}
    if source == "external":
        url = richtext.check_url(f"{where}.external.url", (body.get("external") or {}).get("url"))
        if not richtext.is_web_url(url):
            raise invalid(f"{where}.external.url", "a valid URL", url)
        if kind == "image" and not ctx.fixture and not is_image_url(url):
            raise invalid_image()
        return {"caption": caption, "type": "external", "external": {"url": url}}
    if source == "file" and ctx.fixture and ctx.add_file is not None:
        return {"caption": caption, "type": "file", "file": {"file_id": _hosted(where, body, ctx)}}
    if source == "file_upload" and ctx.attach is not None:
        file_id = ctx.attach(kind, where, (body.get("file_upload") or {}).get("id"))
        return {"caption": caption, "type": "file", "file": {"file_id": file_id}}
    if source == "file_upload":
        raise ApiError(400, "validation_error", "File uploads are not emulated here (app content).")
    raise undefined(f"{where}.external")


# The image block reference's supported file types. Notion refuses other external image URLs; which
# URLs exactly is unverified, so the unkind reading: the URL's *path* must end with one of these
# (case-insensitive). A query string does not count — ``…/640?wx_fmt=gif`` was refused
# (ramnes/notion-sdk-py#214) — and neither does a path without an extension (``…/photo``).
IMAGE_EXTENSIONS = (".bmp", ".gif", ".heic", ".jpeg", ".jpg", ".png", ".svg", ".tif", ".tiff")


def is_image_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(IMAGE_EXTENSIONS)


def invalid_image() -> ApiError:
    """The observed answer (ramnes/notion-sdk-py#214), line break included."""
    return ApiError(
        400, "validation_error", "Content creation Failed. Fix the following: \nInvalid image url."
    )


def _hosted(where: str, body: dict, ctx: Context) -> str:
    spec = body.get("file") or {}
    data, name = spec.get("data_base64", body.get("data_base64")), spec.get("name", body.get("name", "file"))
    try:
        raw = base64.b64decode(data or "", validate=True)
    except (binascii.Error, TypeError) as exc:
        raise invalid(f"{where}.file.data_base64", "base64 data", data) from exc
    return ctx.add_file(raw, str(name))
