"""A bounded load test of the local server on loopback; prints figures, asserts nothing.

    .venv/bin/python scripts/load_test.py [--server scripts/static_server.py | --nginx] [SITE]

Starts the server on a free port of 127.0.0.1 serving SITE (default site/), then:

1. CLIENTS clients at once, each making REQUESTS requests on a new connection (the start page,
   a guidance page, a script, the search index, and the runtime's wasm once): the time each
   took (median, 95th percentile, worst), how many failed or took over a second, and the
   kernel's listen-queue overflows (/proc/net/netstat) meanwhile;
2. SLOW connections that send half a request head and then one byte every 2 s: how long the
   server kept them (at most HOLD seconds), and one normal request's time meanwhile;
3. IDLE connections that send nothing: the same, with the server's threads and open files;
4. the requests that once dropped the connection with a traceback (a NUL, a lone surrogate, a
   year 99999999999 in If-Modified-Since): the status each got.

Timings depend on the machine and its load (printed first); compare runs on one machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support.servers import NginxServer, free_port, stop, wait_for_port  # noqa: E402

CLIENTS = int(os.environ.get("CLIENTS", "200"))
REQUESTS = int(os.environ.get("REQUESTS", "10"))
SLOW = int(os.environ.get("SLOW", "250"))
IDLE = int(os.environ.get("IDLE", "1000"))
HOLD = float(os.environ.get("HOLD", "30"))
TIMEOUT = 60.0


def listen_overflows() -> int:
    lines = Path("/proc/net/netstat").read_text().splitlines()
    for names, values in zip(lines[::2], lines[1::2]):
        if names.startswith("TcpExt:"):
            return int(dict(zip(names.split(), values.split()))["ListenOverflows"])
    return 0


def process_figures(pid: int) -> str:
    try:
        threads = next(line.split()[1] for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                       if line.startswith("Threads:"))
        files = len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return "(process figures unavailable)"
    return f"{threads} threads, {files} open files"


async def request(port: int, raw: bytes) -> tuple[int | str, float]:
    """One request on a new connection: (status or what went wrong, seconds)."""
    start = time.perf_counter()
    try:
        async with asyncio.timeout(TIMEOUT):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(raw)
            await writer.drain()
            data = await reader.read()
            writer.close()
    except TimeoutError:
        return "timed out", time.perf_counter() - start
    except OSError as error:
        return type(error).__name__, time.perf_counter() - start
    seconds = time.perf_counter() - start
    if not data.startswith(b"HTTP/"):
        return "dropped", seconds
    return int(data.split(b" ", 2)[1]), seconds


def get(path: str, extra: str = "") -> bytes:
    return (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: br, gzip\r\n{extra}"
            "Connection: close\r\n\r\n").encode()


async def crowd(port: int, paths: list[str]) -> None:
    async def client(number: int) -> list[tuple[int | str, float]]:
        mix = [paths[(number + i) % len(paths)] for i in range(REQUESTS - 1)] + [paths[-1]]
        return [await request(port, get(path)) for path in mix]

    before = listen_overflows()
    start = time.perf_counter()
    results = [row for rows in await asyncio.gather(*(client(n) for n in range(CLIENTS))) for row in rows]
    took = time.perf_counter() - start
    times = sorted(seconds for _, seconds in results)
    failed = [status for status, _ in results if status != 200]
    print(f"1. {CLIENTS} clients x {REQUESTS} requests: {len(results)} in {took:.1f} s; "
          f"median {statistics.median(times) * 1000:.0f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.0f} ms, "
          f"worst {times[-1] * 1000:.0f} ms; over 1 s: {sum(t > 1 for t in times)}; "
          f"failed: {len(failed)} {sorted(set(map(str, failed)))}; listen overflows: {listen_overflows() - before}")


async def held(port: int, count: int, opening: bytes, trickle: bool, pid: int | None, label: str) -> None:
    """`count` connections that send `opening` (and a byte every 2 s if `trickle`): how long
    until the server closed each, at most HOLD seconds."""
    async def one() -> float:
        start = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return 0.0
        try:
            writer.write(opening)
            async with asyncio.timeout(HOLD):
                while True:
                    try:
                        chunk = await asyncio.wait_for(reader.read(65536), 2) if trickle else await reader.read(65536)
                    except TimeoutError:
                        writer.write(b"X")  # one more byte of a header that never ends
                        continue
                    if not chunk:
                        break
        except (TimeoutError, OSError):
            pass
        finally:
            writer.close()
        return time.perf_counter() - start

    sockets = [asyncio.ensure_future(one()) for _ in range(count)]
    await asyncio.sleep(1)  # all open (a figure of this script, not a test)
    status, seconds = await request(port, get("/"))
    figures = process_figures(pid) if pid else ""
    kept = sorted(await asyncio.gather(*sockets))
    print(f"{label}: {count} connections; a normal request meanwhile: {status} in {seconds * 1000:.0f} ms; "
          f"server then: {figures}; kept by the server: median {statistics.median(kept):.1f} s, "
          f"longest {kept[-1]:.1f} s (this script lets go after {HOLD:.0f} s)")


async def bad_requests(port: int) -> None:
    cases = {"%00": get("/%00"), "%ed%a0%80": get("/%ed%a0%80"),
             "If-Modified-Since year 99999999999": get("/", "If-Modified-Since: Sat, 01 Jan 99999999999 00:00:00 GMT\r\n")}
    found = [f"{name}: {(await request(port, raw))[0]}" for name, raw in cases.items()]
    print("4. bad requests: " + "; ".join(found))


async def run(port: int, pid: int | None, site: Path) -> None:
    checker = site / "assets" / "checker"
    wasm = next(checker.glob("pyodide/*/pyodide.asm.wasm"), None) or checker / "pyodide" / "pyodide.asm.wasm"
    paths = ["/", "/urgent/", "/assets/checker/checker.js", "/search/search_index.json",
             "/" + wasm.relative_to(site).as_posix()]
    await crowd(port, paths)
    await held(port, SLOW, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", True, pid, "2. slow heads")
    await held(port, IDLE, b"", False, pid, "3. idle connections")
    await bad_requests(port)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=REPO / "site")
    parser.add_argument("--server", type=Path, default=REPO / "scripts" / "static_server.py",
                        help="a static_server.py to run as `python SCRIPT PORT SITE`")
    parser.add_argument("--nginx", action="store_true", help="Debian's nginx instead (tests/support/servers.py)")
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # this script holds IDLE + SLOW sockets
    print(f"Machine: {os.cpu_count()} cores, load {' '.join(Path('/proc/loadavg').read_text().split()[:3])}; "
          f"somaxconn {Path('/proc/sys/net/core/somaxconn').read_text().strip()}")
    with tempfile.TemporaryDirectory(prefix="load-test-") as work:
        if args.nginx:
            with NginxServer(args.site, Path(work)) as server:
                print(f"Server: nginx (master pid {server.process.pid})")
                asyncio.run(run(server.port, server.process.pid, args.site))
            return 0
        port = free_port()
        process = subprocess.Popen([sys.executable, str(args.server), str(port), str(args.site)],
                                   stderr=open(Path(work) / "stderr", "w"))  # noqa: SIM115
        try:
            wait_for_port(port, process, 20)
            print(f"Server: {args.server} (pid {process.pid})")
            asyncio.run(run(port, process.pid, args.site))
        finally:
            stop(process)
        errors = (Path(work) / "stderr").read_text()
        tracebacks = errors.count("Traceback")
        print(f"Server's stderr: {len(errors.splitlines())} lines, {tracebacks} tracebacks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
