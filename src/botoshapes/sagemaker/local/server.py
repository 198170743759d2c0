"""moto's server on 127.0.0.1, with the rehearsing SageMaker, that leaves nothing behind."""

from __future__ import annotations

import atexit
import contextlib
import math
import socket
import threading
import urllib.request
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import moto
from flask import Flask
from moto.core.utils import convert_to_flask_response
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import ThreadedWSGIServer

from .clock import ScaledClock
from .quotas import LocalServiceQuotasResponse
from .responses import LocalSageMakerResponse, LocalState
from .scaling import LocalAutoScalingResponse

MOTO_VERSION = "5.2.5"
"""The moto release this server extends and is tested with."""
DEFAULT_TIME_SCALE = 1000.0
"""Simulated seconds per real second: a 600 s bake takes 0.6 s."""


class _QuietHandler(MotoRequestHandler):
    """moto's request handler, without a log line per request."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return


class _Server(ThreadedWSGIServer):
    """Werkzeug's threaded server, keeping its connections and threads to end them on stop.

    Handler threads are daemons, so a server never stopped does not hold the
    interpreter at exit; :meth:`stop` joins them.
    """

    def __init__(self, app: Any) -> None:
        self.connections: set[socket.socket] = set()
        self.handlers: list[threading.Thread] = []
        self._guard = threading.Lock()
        self.stopped = False
        super().__init__("127.0.0.1", 0, app, _QuietHandler)
        _RUNNING.add(self)

    def process_request(self, request: Any, client_address: Any) -> None:
        handler = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), daemon=True
        )
        with self._guard:
            self.connections.add(request)
            self.handlers = [t for t in self.handlers if t.is_alive()]
            self.handlers.append(handler)
        handler.start()

    def shutdown_request(self, request: Any) -> None:
        with self._guard:
            self.connections.discard(request)
        super().shutdown_request(request)

    def stop(self) -> None:
        """Stop serving, hang up on every client, and wait for every handler thread."""
        with self._guard:
            if self.stopped:
                return
            self.stopped = True
        _RUNNING.discard(self)
        self.shutdown()
        with self._guard:
            for connection in self.connections:
                with contextlib.suppress(OSError):  # the client has gone already
                    connection.shutdown(socket.SHUT_RDWR)
            handlers = list(self.handlers)
        for handler in handlers:
            handler.join()
        self.server_close()


_RUNNING: set[_Server] = set()
"""Servers not stopped yet: stopped at exit if their ``with`` block never ended."""


@atexit.register
def _stop_all() -> None:
    for server in list(_RUNNING):
        server.stop()


def _app_factory(local: LocalState, quotas: Mapping[str, float]) -> Any:
    """moto's per-service apps, SageMaker's, Application Auto Scaling's and Service Quotas'
    dispatching to response classes of this server."""
    own: dict[str, tuple[str, Any]] = {
        "sagemaker": (
            "SageMakerResponse.dispatch",
            type("BoundLocalSageMakerResponse", (LocalSageMakerResponse,), {"local": local}),
        ),
        "applicationautoscaling": (
            "ApplicationAutoScalingResponse.dispatch",
            LocalAutoScalingResponse,
        ),
        "servicequotas": (
            "ServiceQuotasResponse.dispatch",
            type(
                "BoundLocalServiceQuotasResponse",
                (LocalServiceQuotasResponse,),
                {"quotas": dict(quotas)},
            ),
        ),
    }

    def create_app(service: Any) -> Flask:
        app = create_backend_app(service)
        if service in own:
            view, response = own[service]
            for name in list(app.view_functions):
                if name.startswith(view):
                    app.view_functions[name] = convert_to_flask_response(response.dispatch)
        return app

    return create_app


@contextmanager
def local_sagemaker(
    *,
    time_scale: float = DEFAULT_TIME_SCALE,
    provisioning_seconds: int = 300,
    explain_rollbacks: bool = True,
    quotas: Mapping[str, float] | None = None,
) -> Iterator[str]:
    """A local SageMaker that deploys endpoints on a scaled clock; yields its URL.

    moto's server on 127.0.0.1 (a free port), with ``CreateEndpoint``,
    ``UpdateEndpoint`` and ``UpdateEndpointWeightsAndCapacities`` playing
    :func:`~botoshapes.sagemaker.deploy.plan_deployment`'s steps
    ``time_scale`` times faster than real time (provisioning a fleet or a
    batch takes ``provisioning_seconds`` simulated seconds). With
    ``explain_rollbacks=False`` a rolled-back update ends ``InService`` on its old
    config with no ``FailureReason`` (users of AWS report that it "may become
    empty"): what a follower must detect without it.

    moto keeps its resources in the process: the server starts with none and
    forgets them all on exit (moto's reset), so each ``with`` block begins
    empty; two servers at once share them, and starting or stopping one
    empties both. Stops on exit, leaving no thread or open port.

    ``quotas``: SageMaker's "for endpoint usage" quota of each instance type given, as
    Service Quotas lists them (moto has none); a type not given has no quota listed.
    """
    if not (isinstance(time_scale, int | float) and 0 < time_scale < math.inf):
        raise ValueError(f"time_scale={time_scale!r} must be a positive number")
    if not (isinstance(provisioning_seconds, int) and provisioning_seconds >= 0):
        raise ValueError(f"provisioning_seconds={provisioning_seconds!r} must be an int >= 0")
    if moto.__version__ != MOTO_VERSION:
        warnings.warn(
            f"botoshapes.sagemaker.local extends moto {MOTO_VERSION}; moto {moto.__version__} "
            "is installed (pip install 'botoshapes-sagemaker[local]' installs the tested one)",
            RuntimeWarning,
            stacklevel=3,
        )
    local = LocalState(ScaledClock(float(time_scale)), provisioning_seconds, explain_rollbacks)
    server = _Server(DomainDispatcherApplication(_app_factory(local, quotas or {})))
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="botoshapes-local",
        daemon=True,  # joined on exit; never holds the interpreter
    )
    thread.start()
    host, port = server.server_address[:2]
    url = f"http://{host!s}:{port}"
    try:
        _reset(url)
        yield url
    finally:
        try:
            if not server.stopped:  # (stopped already at the interpreter's exit)
                _reset(url)
        finally:
            server.stop()
            thread.join()


def _reset(url: str) -> None:
    """Forget every resource moto holds in this process (moto's own reset API)."""
    request = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=30):  # our own server, on 127.0.0.1
        pass
