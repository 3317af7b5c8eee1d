"""A faithful local emulator of the Notion API (see the emulator issue and shared/notion-api.md).

``FakeNotion`` is the WSGI app, ``FakeServer`` serves it on 127.0.0.1, ``transport(app)`` mounts it
in-process behind httpx; the pytest fixtures live in ``tests.fakenotion.fixtures``.
"""

from .app import FakeNotion
from .server import FakeServer, transport

__all__ = ["FakeNotion", "FakeServer", "transport"]
