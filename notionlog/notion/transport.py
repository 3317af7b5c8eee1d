"""The HTTP seam under notion-client: pacing, request counting and the one retry policy.

notion-client 3.1 retries 429 for every method and 500/503 for GET/DELETE, but not 529, not 502/504
and not connection errors (docs/notion-contract.md §1.4). Two retry layers would multiply the attempts, so the
SDK is built with ``retry=False`` and every retry happens here, where each attempt also passes
through the pacer and is counted. The policy:

* 429 ``rate_limited`` and 529 ``service_overload``: the server did not act; retry any method after
  ``Retry-After`` (seconds or an HTTP date; exponential back-off when absent). A ``Retry-After`` is
  honoured whole, however long (a per-workspace limit may ask for more than a minute), up to
  :data:`LONGEST_WAIT`; ``connect`` announces long waits (``notionlog.notion.WAIT_LISTENERS``).
* 500/502/503/504: retried only for GET and DELETE (safe to repeat).
* A connection that could not be opened (nothing was sent): retried for any method.
* A response lost after the request went out (timeout, dropped connection): retried for GET and
  DELETE only. A POST/PATCH may have been applied, so the error propagates; the caller (sync) looks
  the page up before trying again.
* Bounded: at most ``max_retries`` retries and ``max_wait`` seconds of back-off per request (waits
  Notion asked for count against :data:`LONGEST_WAIT` instead).

Pacing is a token bucket (rate ``max_rps``, capacity ``burst``): each attempt takes one token and
waits for it if none is left, so a long sync averages at most ``max_rps`` requests per second.
The clock and sleep are injected so tests measure pacing without waiting.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime

import httpx

SAFE_METHODS = frozenset({"GET", "HEAD", "DELETE"})
THROTTLED = frozenset({429, 529})
SERVER_ERRORS = frozenset({500, 502, 503, 504})
# Exceptions raised before any byte of the request reached the server.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
LONGEST_WAIT = 900.0  # seconds one request waits at most, whatever Notion asks


class Pacer:
    """A token bucket: ``acquire()`` returns once a request may go out."""

    def __init__(
        self,
        rate: float,
        burst: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate, self.burst = rate, burst
        self.clock, self.sleep = clock, sleep
        self._tokens, self._stamp = burst, clock()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Take one token, sleeping until it is there; returns the seconds waited."""
        with self._lock:
            now = self.clock()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            wait = 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.rate
            if wait:
                self.sleep(wait)
                self._stamp = now + wait
                self._tokens = 1.0
            self._tokens -= 1
            return wait


def retry_after(response: httpx.Response) -> float | None:
    """Seconds asked for by ``Retry-After`` (delta-seconds or HTTP-date), None if absent or bad."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class SeamTransport(httpx.BaseTransport):
    """Wraps the real transport: paces and counts every attempt, retries where it is safe."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        pacer: Pacer | None = None,
        max_retries: int = 8,
        max_wait: float = 180.0,
        max_delay: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner, self.pacer = inner, pacer
        self.max_retries, self.max_wait, self.max_delay = max_retries, max_wait, max_delay
        self.sleep = sleep
        self.sent = 0  # attempts that went to the inner transport
        self.retried = 0
        self.server_time: float | None = None  # Notion's clock: the ``Date`` of the latest answer

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        safe = request.method.upper() in SAFE_METHODS
        waited = 0.0
        for attempt in range(self.max_retries + 1):
            last = attempt == self.max_retries
            if self.pacer:
                self.pacer.acquire()
            self.sent += 1
            try:
                response = self.inner.handle_request(request)
            except httpx.TransportError as exc:
                if last or not (safe or isinstance(exc, NOT_SENT)):
                    raise
                delay = self._backoff(attempt)
            else:
                self._note_date(response)
                answer = self._delay_for(response, safe, attempt)
                asked = retry_after(response) is not None
                budget = LONGEST_WAIT if asked else self.max_wait
                if answer is None or last or waited + answer > budget:
                    return response
                delay = answer
                response.read()
                response.close()
            waited += delay
            self.retried += 1
            if delay:
                self.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _delay_for(self, response: httpx.Response, safe: bool, attempt: int) -> float | None:
        """Seconds to wait before retrying ``response``'s request, or None to hand it back."""
        status = response.status_code
        if status in THROTTLED:
            asked = retry_after(response)
            return self._backoff(attempt) if asked is None else min(asked, LONGEST_WAIT)
        if status in SERVER_ERRORS and safe:
            asked = retry_after(response)
            return self._backoff(attempt) if asked is None else min(asked, self.max_delay)
        return None

    def _note_date(self, response: httpx.Response) -> None:
        value = response.headers.get("date")
        if value:
            with contextlib.suppress(TypeError, ValueError):
                self.server_time = parsedate_to_datetime(value).timestamp()

    def _backoff(self, attempt: int) -> float:
        """Full-jitter exponential back-off from 0.5 s, capped at ``max_delay``."""
        base = 0.5 * 2**attempt
        return min(self.max_delay, base / 2 + random.random() * base / 2)

    def close(self) -> None:
        self.inner.close()
