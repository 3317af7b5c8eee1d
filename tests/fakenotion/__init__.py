"""A faithful local emulator of the Notion API — the worst plausible Notion, not the friendliest.

"contract §N" in its comments is a section of docs/notion-contract.md; "REC name" a recorded exchange
in tests/fakenotion/recorded/; "ISS owner/repo#N" a public issue.

``FakeNotion`` is the WSGI app, ``FakeServer`` serves it on 127.0.0.1, ``transport(app)`` mounts it
in-process behind httpx; the pytest fixtures live in ``tests.fakenotion.fixtures``.
"""

from .app import FakeNotion
from .server import FakeServer, transport

__all__ = ["FakeNotion", "FakeServer", "transport"]
