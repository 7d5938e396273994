"""Run the app under uvicorn: in the foreground for `parley serve`, or in a thread for tests."""

from __future__ import annotations

import errno
import os
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


def serve(db: str | None, host: str = "127.0.0.1", port: int = 8000, echo: Callable[[str], None] = print,
          workers: int = 1) -> None:
    """Open the store and bind the port (failing early with a StoreError or PortError that says what to do),
    then print where the dashboard is and serve until Ctrl-C. `workers` > 1 serves from that many processes
    (uvicorn's supervisor, one store connection pool each), so requests are answered side by side on as many
    cores instead of taking turns in one process."""
    store = open_store(db)
    try:
        sock = bind(host, port)
    except PortError:
        store.engine.dispose()
        raise
    app = create_app(store=store)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    echo(f"Parley dashboard on http://{shown}:{sock.getsockname()[1]}/  (API docs: /docs; Ctrl-C to stop)")
    if workers > 1:
        store.engine.dispose()
        _serve_in_processes(db, sock, workers)
        return
    try:
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn re-raises Ctrl-C after shutting down cleanly (uvicorn.run swallows it the same way)
    finally:
        sock.close()
        store.engine.dispose()


def _serve_in_processes(db: str | None, sock: socket.socket, workers: int) -> None:
    """uvicorn's supervisor over `workers` processes sharing the bound socket; each builds the app with
    create_app(), which reads the database from PARLEY_DB (set here, since the processes start afresh)."""
    from uvicorn.supervisors import Multiprocess

    if db:
        os.environ["PARLEY_DB"] = db
    config = uvicorn.Config("parley.api.app:create_app", factory=True, workers=workers, log_level="warning")
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


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
