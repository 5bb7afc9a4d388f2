"""A SPARQL 1.1 endpoint over a store: the ``oxigraph`` package's own server, started and stopped by kg.

``oxigraph serve-read-only`` (the default) answers queries at ``/query``; ``oxigraph serve`` (asked for
with ``writable=True``) also takes updates at ``/update`` and the Graph Store Protocol at ``/store``.
The server reads the same RocksDB folder as :mod:`kg.store.dataset`. kg holds the store's lock for as long as
the server runs: a shared lock when read-only (a build would change files under it), an exclusive
one when writable.

>>> endpoints("http://127.0.0.1:7878")["query"]
'http://127.0.0.1:7878/query'
"""
from __future__ import annotations

import errno
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ServerError, StoreError
from kg.store.lock import StoreLock, looks_like_store, prepare_folder

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable that the ``oxigraph`` package installs next to Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError("the oxigraph server is not installed: pip install oxigraph")
    return found


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def endpoints(url: str) -> dict[str, str]:
    """The endpoints of an Oxigraph server at ``url``."""
    return {"query": f"{url}/query", "update": f"{url}/update", "store": f"{url}/store"}


@dataclass
class Server:
    """A running Oxigraph server; stop it with :meth:`stop` (or use ``with``)."""

    process: subprocess.Popen
    url: str
    store: Path
    writable: bool
    lock: StoreLock | None = field(default=None, repr=False)

    @property
    def query_url(self) -> str:
        return endpoints(self.url)["query"]

    @property
    def store_url(self) -> str:
        return endpoints(self.url)["store"]

    def stop(self, timeout: float = 10) -> int:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` seconds) and release the store."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        return self.process.returncode

    def wait(self) -> int:
        """Block until the server exits (Ctrl-C stops it)."""
        try:
            return self.process.wait()
        finally:
            self.stop()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_server(store: str | Path, host: str = DEFAULT_HOST, port: int | None = DEFAULT_PORT, writable: bool = False,
                 union_default_graph: bool = True, timeout: float = 30, quiet: bool = True) -> Server:
    """Start an Oxigraph SPARQL server on a store folder and wait until it answers.

    :param store: the store folder (must exist unless ``writable``).
    :param host: the address to listen on (loopback by default).
    :param port: the port; None or 0 picks a free one.
    :param writable: serve read-write (updates and Graph Store Protocol) instead of read-only.
    :param union_default_graph: queries without GRAPH see the union of the article graphs.
    :param timeout: seconds to wait for the server to answer.
    :param quiet: send the server's own log to /dev/null (errors are still reported).
    """
    folder = Path(store)
    prepare_folder(folder, create=writable)
    if not writable and not looks_like_store(folder):
        raise StoreError(f"{folder}: no store there; make one with: kg build ARTICLES --store {folder}")
    port = port or free_port(host)
    check_port(host, port)  # else a server already there would answer for ours, which then exits
    lock = StoreLock(folder, exclusive=writable, purpose=f"kg serve ({'read-write' if writable else 'read-only'})")
    command = [oxigraph_binary(), "serve" if writable else "serve-read-only", "--location", str(folder),
               "--bind", f"{host}:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    # The server's messages go to a file, not a pipe nobody reads (a full pipe would block it).
    errors = tempfile.TemporaryFile()
    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL if quiet else None,
                                   stderr=errors if quiet else None, stdin=subprocess.DEVNULL,
                                   preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    except OSError as err:
        lock.release()
        raise ServerError(f"cannot start {command[0]}: {err.strerror or err}") from None
    server = Server(process, f"http://{host}:{port}", folder, writable, lock)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            errors.seek(0)
            why = errors.read().decode("utf-8", "replace").strip().splitlines()
            server.stop()
            if any("address already in use" in line.lower() for line in why):
                raise ServerError(_in_use(host, port))
            raise ServerError(f"the oxigraph server stopped at once: {why[-1] if why else f'exit {process.returncode}'}")
        if _answers(server.query_url):
            return server
        time.sleep(0.1)
    server.stop()
    raise ServerError(f"the oxigraph server did not answer at {server.url} within {timeout:.0f} s")


def check_port(host: str, port: int) -> None:
    """Refuse an address another program listens on (bound as the server binds it, with SO_REUSEADDR).

    :raises ServerError: the address is in use, or not an address of this machine.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise ServerError(f"{host}: cannot listen there: {err.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise ServerError(_in_use(host, port)) from None
            raise ServerError(f"{host}:{port}: cannot listen there: {err.strerror or err}") from None


def _in_use(host: str, port: int) -> str:
    return f"{host}:{port}: address in use (another server listens there); choose another --port"


def _die_with_parent() -> None:
    # The server holds the store: it must not outlive kg (and its lock) if kg is killed.
    import ctypes
    import signal

    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _answers(query_url: str) -> bool:
    request = urllib.request.Request(f"{query_url}?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False
