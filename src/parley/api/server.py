"""Run the app under uvicorn: in the foreground for `parley serve`, or in a thread for tests."""

from __future__ import annotations

import errno
import socket
import threading
import time
from collections.abc import Callable

import uvicorn

from parley.api.app import create_app
from parley.api.db import open_store
from parley.errors import PortError


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or PortError saying what to do; bound before any banner is printed."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a closed server's port is free
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        why = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
        raise PortError(f"Port {port} on {host} {why}. Stop what is using it or pick another port with "
                        "--port (make run PORT=8010).") from None
    sock.set_inheritable(True)
    return sock


def serve(db: str | None, host: str = "127.0.0.1", port: int = 8000, echo: Callable[[str], None] = print) -> None:
    """Open the store and bind the port (failing early with a StoreError or PortError that says what to do),
    then print where the dashboard is and serve until Ctrl-C."""
    store = open_store(db)
    try:
        sock = bind(host, port)
    except PortError:
        store.engine.dispose()
        raise
    app = create_app(store=store)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    echo(f"Parley dashboard on http://{shown}:{sock.getsockname()[1]}/  (API docs: /docs; Ctrl-C to stop)")
    try:
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn re-raises Ctrl-C after shutting down cleanly (uvicorn.run swallows it the same way)
    finally:
        sock.close()
        store.engine.dispose()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class BackgroundServer:
    """uvicorn in a daemon thread on a free port; `with BackgroundServer(app) as url: ...` stops it after."""

    def __init__(self, app, host: str = "127.0.0.1", port: int | None = None):
        self.host, self.port = host, port or free_port(host)
        self.server = uvicorn.Server(uvicorn.Config(app, host=self.host, port=self.port, log_level="warning",
                                                    lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, name="parley-test-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"The test server did not start on {self.url}")
            time.sleep(0.02)
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
