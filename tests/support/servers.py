"""Servers for the built site: a static file server (as any static host serves it), Debian's
nginx (with its own config, made here), and the helpers to start and stop them."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server like `python -m http.server`: Python's stock types, no map of our
    own (one would hide a file a stock server sends with a type browsers refuse), and no log
    noise."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        # Under a sub-path, only URLs below it exist, as on a project's GitHub Pages.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    faults: dict = {}

    def do_GET(self):
        # A fault a test injects, as a real server would show it: by the end of the path.
        for ending, fault in self.faults.items():
            if self.path.split("?")[0].endswith(ending) and fault(self):
                return
        super().do_GET()


class StaticServer:
    """Serves a folder on 127.0.0.1 in a thread; `url` is the site's root URL.

    `faults` maps the end of a path to a function of the request handler that answers in its
    own way (stalls, breaks off) and returns True, or returns False to serve the file as usual."""

    def __init__(self, directory: Path, prefix: str = "/", faults: dict | None = None, port: int = 0):
        handler = type("Handler", (QuietHandler,), {"prefix": prefix, "faults": faults or {}})
        # `port`: the same origin again after a restart (a browser keeps its storage per origin).
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(directory))
        )
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def refused(port: int) -> bool:
    """Whether nothing answers on 127.0.0.1:`port` (a server the test shut down)."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def wait_for_port(port: int, process: subprocess.Popen, seconds: float, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = log.read_text() if log and log.exists() else ""
            raise RuntimeError(f"the server stopped (exit {process.returncode}) {detail}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")


def stop(process: subprocess.Popen) -> None:
    """Ends a server the tests started: politely, then for sure."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


class NginxServer:
    """Debian's stock nginx serving a folder, with its own /etc/nginx/mime.types and nothing
    added: the README's configuration, in a temp folder, on 127.0.0.1, in the foreground.

    At a sub-path the site is an `alias`, as when nginx serves several sites on one host.
    `headers` are added with add_header, as the README shows for the security policy;
    `directives` (such as `gzip_static on;`) go in the server block, and `modules` are loaded
    from Debian's module folder (load_module)."""

    def __init__(self, directory: Path, workdir: Path, prefix: str = "/", headers: dict[str, str] | None = None,
                 directives: str = "", modules: tuple[str, ...] = ()):
        if not (Path(NGINX).exists() and NGINX_MIME_TYPES.exists()):
            pytest.fail("nginx is missing: run scripts/install-nginx (scripts/test does).")
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = self.origin + prefix
        self.workdir = workdir
        self.log = workdir / "error.log"
        root = str(directory.resolve())
        added = "".join(f"        add_header {name} \"{value}\" always;\n" for name, value in (headers or {}).items())
        if prefix == "/":
            location = f"    root {root};\n    error_page 404 /404.html;\n    location / {{\n{added}    }}\n"
        else:
            location = (
                f"    location {prefix} {{\n        alias {root}/;\n{added}"
                f"        error_page 404 {prefix}404.html;\n    }}\n"
            )
        temp = "".join(f"  {kind}_temp_path {workdir}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # As root, nginx's workers would run as nobody, who may not read a private temp folder.
        user = "user root root;\n" if os.geteuid() == 0 else ""
        loads = "".join(f"load_module /usr/lib/nginx/modules/{name};\n" for name in modules)
        (workdir / "nginx.conf").write_text(
            f"{loads}{user}worker_processes 1;\ndaemon off;\npid {workdir}/nginx.pid;\nerror_log {self.log} warn;\n"
            "events { worker_connections 64; }\n"
            f"http {{\n  include {NGINX_MIME_TYPES};\n  default_type application/octet-stream;\n"
            f"  access_log off;\n{temp}  server {{\n    listen 127.0.0.1:{self.port};\n{directives}{location}  }}\n}}\n"
        )

    def __enter__(self) -> NginxServer:
        self.process = subprocess.Popen(
            [NGINX, "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf"), "-e", str(self.log)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(self.port, self.process, 10, self.log)
        except RuntimeError:
            self.process.kill()
            raise
        return self

    def __exit__(self, *exc) -> None:
        stop(self.process)
