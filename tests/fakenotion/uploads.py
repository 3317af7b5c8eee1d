"""``/v1/file_uploads``: single-part uploads — create, send, retrieve — and attaching them to blocks.

Create answers a File Upload object with ``status: "pending"``, an ``upload_url`` and an
``expiry_time`` an hour ahead; send (``multipart/form-data``, the bytes under ``file``) makes it
``"uploaded"`` with its ``content_length``; a media block attaches it with ``{"type": "file_upload",
"file_upload": {"id": …}}`` and reads back as a Notion-hosted ``type: "file"`` (a signed URL). The file
upload reference and "Working with files and media" describe this; the unkind readings where they
are silent: only ``single_part`` is emulated (the other modes answer "not emulated"); a file larger
than the bot's ``max_file_upload_size_in_bytes`` (5 MiB, a free workspace) is refused; sending twice
is refused; attaching a pending or expired upload is refused, and an image block takes only an
``image/*`` upload; an upload not attached within the hour expires. Content types: the guide lists
the types the API accepts, by category; only a subset of that list is emulated (:data:`SUPPORTED`,
the common ones), and anything else — a type not listed, or a file name whose extension says
another type — is refused, at create and at send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.parser import BytesParser
from email.policy import HTTP
from mimetypes import guess_type

from . import render
from .apierror import BOT_ID, ApiError, invalid, not_found, one_of
from .clock import millis_iso, new_id
from .request import Request

MAX_BYTES = 5_242_880  # the bot's workspace_limits.max_file_upload_size_in_bytes (users/me)
MAX_FILENAME_BYTES = 900
TTL = timedelta(hours=1)
SUPPORTED = frozenset({
    "image/gif", "image/heic", "image/jpeg", "image/png", "image/svg+xml", "image/tiff",
    "image/webp", "image/vnd.microsoft.icon", "application/pdf", "text/plain", "application/json",
    "audio/mpeg", "audio/mp4", "audio/aac", "audio/wav", "audio/ogg", "video/mp4",
    "video/quicktime", "video/webm",
})


def _check_type(where: str, filename: str | None, content_type: str | None) -> None:
    """Refuse a type the API does not take, or a name whose extension says another type."""
    if content_type is not None and content_type.split(";")[0].strip() not in SUPPORTED:
        raise ApiError(400, "validation_error",
                       f"{where}: the content type {content_type} is not supported.")
    named = guess_type(filename)[0] if filename else None
    if filename and (named is None or named not in SUPPORTED):
        raise ApiError(400, "validation_error", f"{where}: the file type of {filename} is not supported.")
    if named and content_type and named != content_type.split(";")[0].strip():
        raise ApiError(400, "validation_error",
                       f"{where}: the content type {content_type} does not match the file name {filename}.")


@dataclass
class Upload:
    id: str
    created: datetime
    filename: str | None
    content_type: str | None
    status: str = "pending"  # pending → uploaded; expired once the hour passes unattached
    data: bytes = b""
    attached: bool = False

    def expiry(self) -> datetime | None:
        return None if self.attached else self.created + TTL


def parse_form(raw: bytes, content_type: str) -> dict[str, tuple[str | None, str | None, bytes]]:
    """``multipart/form-data`` fields: name → (filename, content type, bytes)."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    fields = {}
    for part in message.iter_parts() if message.is_multipart() else []:
        name = part.get_param("name", header="content-disposition")
        if name:
            payload = part.get_payload(decode=True) or b""
            fields[str(name)] = (part.get_filename(), part.get_content_type(), payload)
    return fields


def _object(req: Request, upload: Upload) -> dict:
    _expire(req, upload)
    expiry = upload.expiry()
    return {
        "object": "file_upload",
        "id": upload.id,
        "created_time": millis_iso(upload.created),
        "created_by": {"id": BOT_ID, "type": "bot"},
        "last_edited_time": millis_iso(upload.created),
        "archived": False,
        "expiry_time": millis_iso(expiry) if expiry else None,
        "status": upload.status,
        "filename": upload.filename,
        "content_type": upload.content_type,
        "content_length": len(upload.data) if upload.status == "uploaded" else None,
        "upload_url": f"{render.BASE_URL.get()}/v1/file_uploads/{upload.id}/send"
        if upload.status == "pending"
        else None,
        "complete_url": None,
        "file_import_result": None,
    }


def _expire(req: Request, upload: Upload) -> None:
    expiry = upload.expiry()
    if expiry is not None and req.store.clock.now() > expiry and upload.status != "expired":
        upload.status = "expired"


def _find(req: Request, file_upload_id: str) -> Upload:
    ident = req.path_id(file_upload_id, "file_upload_id")
    upload = req.store.uploads.get(ident)
    if upload is None:
        raise not_found("file_upload", ident)
    return upload


def create(req: Request) -> dict:
    req.allow("mode", "filename", "content_type", "number_of_parts", "external_url")
    mode = req.body.get("mode", "single_part")
    if mode not in ("single_part", "multi_part", "external_url"):
        raise one_of("body.mode", ["single_part", "multi_part", "external_url"], mode)
    if mode != "single_part":
        raise ApiError(400, "invalid_request", f"Unsupported request: {mode} uploads (not emulated).")
    filename = req.body.get("filename")
    if filename is not None and (
        not isinstance(filename, str) or len(filename.encode()) > MAX_FILENAME_BYTES
    ):
        raise invalid("body.filename", f"a string of at most {MAX_FILENAME_BYTES} bytes", filename)
    _check_type("body", filename, req.body.get("content_type"))
    upload = Upload(new_id(), req.store.clock.now(), filename, req.body.get("content_type"))
    req.store.uploads[upload.id] = upload
    return _object(req, upload)


def send(req: Request, file_upload_id: str) -> dict:
    upload = _find(req, file_upload_id)
    _expire(req, upload)
    if upload.status != "pending":
        raise ApiError(400, "validation_error", f"File upload {upload.id} is {upload.status}, not pending.")
    part = req.form.get("file")
    if part is None:
        raise ApiError(400, "validation_error", "body failed validation: body.file should be defined.")
    filename, content_type, data = part
    if len(data) > MAX_BYTES:
        raise ApiError(
            400,
            "validation_error",
            f"The file is {len(data)} bytes; this workspace takes files up to {MAX_BYTES} bytes.",
        )
    upload.filename = upload.filename or filename
    upload.content_type = upload.content_type or content_type
    _check_type("body.file", upload.filename, upload.content_type)
    upload.data, upload.status = data, "uploaded"
    return _object(req, upload)


def retrieve(req: Request, file_upload_id: str) -> dict:
    return _object(req, _find(req, file_upload_id))


def attach(req_store, kind: str, where: str, ident: object) -> str:
    """The hosted file a ``file_upload`` source becomes (the upload must be sent and unexpired)."""
    from .clock import normalize_id

    key = normalize_id(ident) if isinstance(ident, str) else None
    if key is None:
        raise invalid(f"{where}.file_upload.id", "a valid uuid", ident)
    upload = req_store.uploads.get(key)
    if upload is None:
        raise not_found("file_upload", key)
    expiry = upload.expiry()
    if expiry is not None and req_store.clock.now() > expiry:
        upload.status = "expired"
    if upload.status != "uploaded":
        raise ApiError(
            400, "validation_error", f"File upload {key} is {upload.status}; send it before attaching."
        )
    if kind == "image" and not (upload.content_type or "").startswith("image/"):
        raise ApiError(400, "validation_error", f"File upload {key} is not an image ({upload.content_type}).")
    upload.attached = True
    return req_store.add_file(upload.data, upload.filename or "file")


ROUTES = [
    ("POST", r"/v1/file_uploads", create),
    ("POST", r"/v1/file_uploads/(?P<file_upload_id>[^/]+)/send", send),
    ("GET", r"/v1/file_uploads/(?P<file_upload_id>[^/]+)", retrieve),
]
