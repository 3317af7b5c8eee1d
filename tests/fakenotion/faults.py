"""Injected faults and the optional rate limiter.

A fault ``{"match": REGEX, "skip": n, "times": m, "action": "status"|"drop"|"delay", "status",
"retry_after", "delay_ms", "code"?, "message"?, "additional_data"?, "preset"?}`` applies to requests
whose ``"<METHOD> <path>"`` the regex matches *whole*: the first ``skip`` matching requests pass, the
next ``times`` get the action. ``status`` answers Notion's error body without applying the request
(``code``, ``message`` and ``additional_data`` override the status's defaults; ``"preset":
"block_limit"`` is the workspace block cap's 403); ``delay`` sleeps then proceeds; ``drop`` applies the
request and then loses the response. ``retry_after`` may be any number of seconds (over 60 is the
per-workspace limit's answer).

The limiter is a token bucket (Notion: "an average of three requests per second. Some bursts beyond
the average rate are allowed", contract §5): ``rate`` tokens per second, a burst of
``max(1, rate)``; an empty bucket answers 429 with ``Retry-After`` in whole seconds.
"""

from __future__ import annotations

import math
import re
import threading
import time
from dataclasses import dataclass

from .apierror import PRESETS, ApiError, fault, rate_limited, validation

ACTIONS = ("status", "drop", "delay")


class DropConnection(Exception):
    """Raised after a request was applied whose response must be lost."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass
class Fault:
    pattern: re.Pattern
    skip: int
    times: int
    action: str
    status: int
    retry_after: int | None
    delay_ms: int
    answer: dict  # code / message / additional_data overrides

    @classmethod
    def parse(cls, spec: dict) -> Fault:
        if not isinstance(spec, dict) or not isinstance(spec.get("match"), str):
            raise validation("fault needs a string 'match' regex")
        if spec.get("preset") is not None:
            if spec["preset"] not in PRESETS:
                raise validation(f"fault preset must be one of {sorted(PRESETS)}")
            spec = {**spec, **PRESETS[spec["preset"]]}
        answer = {k: spec[k] for k in ("code", "message", "additional_data") if spec.get(k) is not None}
        if spec.get("action", "status") not in ACTIONS:
            raise validation(f"fault action must be one of {ACTIONS}")
        try:
            pattern = re.compile(spec["match"])
        except re.error as exc:
            raise validation(f"bad fault regex: {exc}") from exc
        retry_after = spec.get("retry_after", 0)
        return cls(
            pattern,
            int(spec.get("skip", 0)),
            int(spec.get("times", 1)),
            spec.get("action", "status"),
            int(spec.get("status", 429)),
            None if retry_after is None else int(retry_after),
            int(spec.get("delay_ms", 0)),
            answer,
        )


class Faults:
    """The active faults, consulted once per ``/v1`` request."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, spec: dict) -> None:
        item = Fault.parse(spec)
        with self._lock:
            self._faults.append(item)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def check(self, line: str) -> str | None:
        """Apply the first armed fault matching ``line``; returns "drop" when the answer must be lost."""
        with self._lock:
            hit = None
            for item in self._faults:
                if item.times <= 0 or not item.pattern.fullmatch(line):
                    continue
                if item.skip > 0:
                    item.skip -= 1
                    continue
                item.times -= 1
                hit = item
                break
        if hit is None:
            return None
        if hit.action == "delay":
            time.sleep(hit.delay_ms / 1000)
            return None
        if hit.action == "status":
            raise fault(hit.status, hit.retry_after, **hit.answer)
        return "drop"


class TokenBucket:
    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.stamp = time.monotonic()
        self._lock = threading.Lock()

    def take(self) -> None:
        with self._lock:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1:
                self.tokens -= 1
                return
            wait = (1 - self.tokens) / self.rate
        raise rate_limited(max(1, math.ceil(wait)))


__all__ = ["ApiError", "DropConnection", "Faults", "TokenBucket"]
