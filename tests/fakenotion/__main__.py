"""``python -m tests.fakenotion [--port 0] [--latency-ms N] [--rate-limit RPS]``.

Prints exactly one line, ``fakenotion http://127.0.0.1:PORT root=<page id>``, then serves until
terminated (SIGTERM or Ctrl-C).
"""

from __future__ import annotations

import argparse
import signal
import threading

from .app import FakeNotion
from .server import FakeServer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.fakenotion", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--latency-ms", type=int, default=0, help="sleep this long in every /v1 request")
    parser.add_argument("--rate-limit", type=float, default=None, help="token bucket, requests per second")
    args = parser.parse_args(argv)
    server = FakeServer(FakeNotion(latency_ms=args.latency_ms, rate_limit=args.rate_limit), port=args.port)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(f"fakenotion {server.base_url} root={server.app.store.root_id}", flush=True)
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


if __name__ == "__main__":
    main()
