"""The HTTP seam: token-bucket pacing, counting, and the one retry policy (transport.py)."""

from __future__ import annotations

import httpx
import pytest

from notionlog.notion.transport import Pacer, SeamTransport


class FakeTime:
    """A clock that only moves when someone sleeps: pacing is measured, never waited for."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def scripted(*answers):
    """A transport answering with ``answers`` in turn (ints: status codes; exceptions: raised)."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers[min(len(seen), len(answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        status, headers = answer if isinstance(answer, tuple) else (answer, {})
        return httpx.Response(status, headers=headers, json={"n": len(seen)})

    return httpx.MockTransport(handler), seen


def send(seam: SeamTransport, method: str = "GET") -> httpx.Response:
    with httpx.Client(transport=seam, base_url="http://notion.test") as client:
        return client.request(method, "/v1/pages/x", json={} if method in ("POST", "PATCH") else None)


def test_pacer_spaces_requests_at_the_configured_rate():
    time = FakeTime()
    pacer = Pacer(3.0, clock=time.clock, sleep=time.sleep)
    start = time.now
    for _ in range(31):
        pacer.acquire()
    # the first request goes at once, the next 30 each wait for a token: 30 / 3 = 10 s
    assert time.now - start == pytest.approx(10.0)
    assert max(time.slept) == pytest.approx(1 / 3)


def test_pacer_burst_lets_idle_time_accumulate_up_to_the_capacity():
    time = FakeTime()
    pacer = Pacer(2.0, burst=4.0, clock=time.clock, sleep=time.sleep)
    for _ in range(4):
        assert pacer.acquire() == 0
    assert pacer.acquire() == pytest.approx(0.5)
    time.now += 100  # a long pause refills only up to the burst
    waits = [pacer.acquire() for _ in range(5)]
    assert waits[:4] == [0, 0, 0, 0] and waits[4] == pytest.approx(0.5)


def test_paced_seam_counts_every_attempt_and_sleeps_between():
    time = FakeTime()
    inner, seen = scripted(200)
    seam = SeamTransport(inner, Pacer(5.0, clock=time.clock, sleep=time.sleep), sleep=time.sleep)
    for _ in range(11):
        send(seam)
    assert seam.sent == len(seen) == 11
    assert time.now - 1000.0 == pytest.approx(2.0)


@pytest.mark.parametrize("method", ["GET", "POST", "PATCH", "DELETE"])
def test_429_storm_with_retry_after_zero_gets_through_for_every_method(method):
    time = FakeTime()
    inner, seen = scripted(*[(429, {"Retry-After": "0"})] * 6, 200)
    seam = SeamTransport(inner, sleep=time.sleep)
    assert send(seam, method).status_code == 200
    assert seam.sent == 7 and seam.retried == 6 and time.now == 1000.0


def test_retry_after_is_honoured_for_429_and_529():
    time = FakeTime()
    inner, _ = scripted((429, {"Retry-After": "2"}), (529, {"Retry-After": "3"}), 200)
    seam = SeamTransport(inner, sleep=time.sleep)
    assert send(seam, "POST").status_code == 200
    assert time.slept == [2.0, 3.0]


def test_retries_are_bounded_and_the_last_answer_is_handed_back():
    time = FakeTime()
    inner, seen = scripted((429, {"Retry-After": "1"}))
    seam = SeamTransport(inner, max_retries=3, sleep=time.sleep)
    assert send(seam).status_code == 429
    assert len(seen) == 4 and sum(time.slept) == 3.0


def test_total_wait_is_bounded():
    time = FakeTime()
    inner, seen = scripted((429, {"Retry-After": "400"}))
    seam = SeamTransport(inner, sleep=time.sleep)
    assert send(seam).status_code == 429
    assert len(seen) == 3 and sum(time.slept) == 800.0  # a third wait would pass LONGEST_WAIT


def test_backoff_without_retry_after_is_bounded_by_max_wait():
    time = FakeTime()
    inner, seen = scripted(*[(503, {})] * 9)
    seam = SeamTransport(inner, max_wait=5, sleep=time.sleep)
    assert send(seam, "GET").status_code == 503
    assert sum(time.slept) <= 5


def test_a_long_retry_after_is_honoured_whole():
    """A per-workspace limit may ask for more than a minute: cutting it short only earns more 429s."""
    time = FakeTime()
    inner, _ = scripted((429, {"Retry-After": "75"}), (429, {"Retry-After": "2"}), 200)
    seam = SeamTransport(inner, max_delay=60, sleep=time.sleep)
    assert send(seam, "POST").status_code == 200
    assert time.slept == [75.0, 2.0]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_for_safe_methods_only(status):
    time = FakeTime()
    inner, seen = scripted((status, {"Retry-After": "0"}), 200)
    assert send(SeamTransport(inner, sleep=time.sleep), "GET").status_code == 200
    assert send(SeamTransport(inner, sleep=time.sleep), "DELETE").status_code == 200
    for method in ("POST", "PATCH"):
        inner, seen = scripted(status, 200)
        assert send(SeamTransport(inner, sleep=time.sleep), method).status_code == status
        assert len(seen) == 1  # one attempt, never repeated: the write may have been applied


def test_a_lost_response_to_a_write_is_not_retried():
    inner, seen = scripted(httpx.RemoteProtocolError("Server disconnected without sending a response."), 200)
    seam = SeamTransport(inner, sleep=lambda s: None)
    with pytest.raises(httpx.RemoteProtocolError):
        send(seam, "POST")
    assert len(seen) == 1
    with pytest.raises(httpx.ReadTimeout):
        send(SeamTransport(scripted(httpx.ReadTimeout("slow"), 200)[0], sleep=lambda s: None), "PATCH")


def test_a_lost_response_to_a_read_is_retried():
    inner, seen = scripted(httpx.RemoteProtocolError("dropped"), httpx.ReadTimeout("slow"), 200)
    assert send(SeamTransport(inner, sleep=lambda s: None), "GET").status_code == 200
    assert len(seen) == 3


def test_a_connection_never_opened_is_retried_even_for_a_write():
    inner, seen = scripted(httpx.ConnectError("refused"), 200)
    assert send(SeamTransport(inner, sleep=lambda s: None), "POST").status_code == 200
    assert len(seen) == 2


def test_client_errors_are_handed_back_at_once():
    inner, seen = scripted(400, 200)
    assert send(SeamTransport(inner, sleep=lambda s: None), "GET").status_code == 400
    assert len(seen) == 1
