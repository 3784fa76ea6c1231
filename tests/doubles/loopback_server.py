"""The part every loopback double shares: an aiohttp server on 127.0.0.1, port 0, that
records each request and can answer from a script of faults before the real handler runs."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from aiohttp import web
from multidict import CIMultiDict

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class RecordedRequest:
    """One request as the double saw it; `status` is filled in once it is answered."""

    method: str
    path: str  # relative to the double's url, e.g. "/users/u1/events" for Graph
    query: dict[str, str]
    headers: CIMultiDict[str]
    json: Any
    text: str
    time: datetime
    monotonic: float
    status: int | None = None


_RECORDED = web.RequestKey("recorded_request", RecordedRequest)


@dataclass(frozen=True)
class ScriptedResponse:
    """A scripted answer. `status=None` only delays, then the real handler answers;
    `takes_effect=True` runs the real handler first and then answers this instead,
    as when a gateway loses the answer of a request the service did carry out."""

    status: int | None = None
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    takes_effect: bool = False


class DoubleError(Exception):
    """Raised by handlers to answer with an error status and a JSON body."""

    def __init__(self, status: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Turns "/users/*/events" into a regex: `*` is one path segment, `**` any run of them."""
    parts = [re.escape(piece) for piece in pattern.split("**")]
    joined = ".*".join(part.replace(r"\*", "[^/]+") for part in parts)
    return re.compile(joined)


class LoopbackServer:
    """Base of the doubles: subclasses add routes in `_add_routes`."""

    base_path = ""

    def __init__(self, *, delay: float = 0.0) -> None:
        self.delay = delay
        self.received: list[RecordedRequest] = []
        self._scripts: list[tuple[str, re.Pattern[str], deque[ScriptedResponse]]] = []
        self._runner: web.AppRunner | None = None
        self._port = 0

    @property
    def origin(self) -> str:
        """The scheme, host and port, e.g. http://127.0.0.1:54321."""
        if self._runner is None:
            raise RuntimeError("the double is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def url(self) -> str:
        """The base url clients are given (origin plus the API's base path)."""
        return self.origin + self.base_path

    async def start(self) -> None:
        """Listens on 127.0.0.1 on a port the system picks."""
        app = web.Application(middlewares=[self._middleware])
        self._add_routes(app)
        app.router.add_route("*", "/{tail:.*}", self._unknown_route)
        runner = web.AppRunner(app, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Closes the listening socket and open connections."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    def script(self, method: str, pattern: str, *responses: ScriptedResponse) -> None:
        """Queues answers for requests matching method and path pattern, used once each."""
        for known_method, regex, queue in self._scripts:
            if known_method == method.upper() and regex.pattern == compile_pattern(pattern).pattern:
                queue.extend(responses)
                return
        self._scripts.append((method.upper(), compile_pattern(pattern), deque(responses)))

    def pending_scripts(self) -> int:
        """How many scripted answers have not been used yet."""
        return sum(len(queue) for _, _, queue in self._scripts)

    def requests(
        self, method: str | None = None, pattern: str | None = None
    ) -> list[RecordedRequest]:
        """The recorded requests, optionally only one method and a path pattern."""
        regex = compile_pattern(pattern) if pattern else None
        return [
            seen
            for seen in self.received
            if (method is None or seen.method == method.upper())
            and (regex is None or regex.fullmatch(seen.path))
        ]

    def count(self, method: str | None = None, pattern: str | None = None) -> int:
        """How many requests matched."""
        return len(self.requests(method, pattern))

    def posts_per_path(self) -> Counter[str]:
        """POST requests counted by path."""
        return Counter(seen.path for seen in self.received if seen.method == "POST")

    def _add_routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def _unknown_body(self, method: str, path: str) -> Any:
        return {"error": {"code": "NotInDouble", "message": f"{method} {path} is not served"}}

    async def _unknown_route(self, request: web.Request) -> web.Response:
        raise DoubleError(404, self._unknown_body(request.method, request.path))

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        seen = await self._record(request)
        try:
            response = await self._answer(request, handler, seen)
        except web.HTTPException as error:
            seen.status = error.status
            raise
        seen.status = response.status
        return response

    async def _answer(
        self, request: web.Request, handler: Handler, seen: RecordedRequest
    ) -> web.StreamResponse:
        scripted = self._next_script(seen)
        wait = self.delay + (scripted.delay if scripted else 0.0)
        if wait:
            await asyncio.sleep(wait)
        if scripted is not None and scripted.status is not None and not scripted.takes_effect:
            return _json_response(scripted.status, scripted.body, scripted.headers)
        try:
            response = await handler(request)
        except DoubleError as error:
            response = _json_response(error.status, error.body, error.headers)
        if scripted is not None and scripted.status is not None:
            return _json_response(scripted.status, scripted.body, scripted.headers)
        return response

    def _next_script(self, seen: RecordedRequest) -> ScriptedResponse | None:
        for method, regex, queue in self._scripts:
            if queue and method == seen.method and regex.fullmatch(seen.path):
                return queue.popleft()
        return None

    async def _record(self, request: web.Request) -> RecordedRequest:
        text = await request.text() if request.can_read_body else ""
        try:
            body: Any = json.loads(text) if text else None
        except ValueError:
            body = None
        path = request.path
        if self.base_path and path.startswith(self.base_path):
            path = path[len(self.base_path) :] or "/"
        seen = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            headers=CIMultiDict(request.headers),
            json=body,
            text=text,
            time=datetime.now(UTC),
            monotonic=time.monotonic(),
        )
        self.received.append(seen)
        request[_RECORDED] = seen
        return seen


def recorded(request: web.Request) -> RecordedRequest:
    """The record of the request a handler is answering (its parsed JSON body, headers)."""
    return request[_RECORDED]


def _json_response(status: int, body: Any, headers: Mapping[str, str]) -> web.Response:
    if body is None:
        return web.Response(status=status, headers=dict(headers))
    return web.json_response(body, status=status, headers=dict(headers))
