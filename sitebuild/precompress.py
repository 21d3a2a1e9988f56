"""Precompressed copies beside the site's files: NAME.br (brotli) and NAME.gz (gzip).

Hosts that serve precompressed files (nginx `gzip_static` / `brotli_static`, and the project's
own scripts/static_server.py) then send the 8 MiB runtime as about 2 MiB of brotli, which
they would otherwise send raw: most servers compress text on the fly but not .wasm.

Brotli comes from the `brotli` package (Google's own bindings, a wheel on PyPI): in-process,
so the build needs no Node subprocess, and quality 11 gives the same bytes as `brotli -q 11`.
Quality 11 takes seconds on the wasm, so every result is cached by the sha256 of the input in
the plugin's cache folder (.cache/plugin/relaxer-checker/precompress/): a rebuild compresses
only the files that changed. Under `mkdocs serve` the step does not run (nothing sends the
copies there), and the plugin's `precompress: false` turns it off for hosts that never send them.

A copy is written only when it is clearly smaller (MAX_RATIO): an already-deflated zip gains
little, and a host would otherwise send the bigger or equal copy for nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import brotli

# What a browser fetches and a server may send encoded. Images other than SVG are compressed
# already; .zip/.whl are deflated, kept only when brotli still saves (MAX_RATIO).
TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
BINARY = {".wasm", ".zip", ".whl"}
ENCODINGS = {".br": "br", ".gz": "gzip"}
MAX_RATIO = 0.9
# Files under this size gain less than the headers cost.
MIN_BYTES = 512
# Part of every cache key: a change of settings must not reuse old output.
SETTINGS = "br-q11-w22|gz-9|v1"
# Cache entries unused this long are removed, so the cache of a long `mkdocs serve` stays small.
CACHE_DAYS = 14


@dataclass
class Summary:
    """What the step wrote: files compressed, bytes before and after (brotli), cache hits."""

    files: int = 0
    raw: int = 0
    brotli: int = 0
    gzip: int = 0
    cached: int = 0
    largest: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def candidates(site: Path) -> list[Path]:
    return sorted(
        path for path in site.rglob("*")
        if path.is_file() and path.suffix in TEXT | BINARY and path.stat().st_size >= MIN_BYTES
    )


def _compress(data: bytes, suffix: str, encoding: str) -> bytes:
    if encoding == "br":
        mode = brotli.MODE_TEXT if suffix in TEXT else brotli.MODE_GENERIC
        return brotli.compress(data, quality=11, lgwin=22, mode=mode)
    # mtime=0: the same input gives the same bytes, build after build.
    return gzip.compress(data, compresslevel=9, mtime=0)


def _cached(cache: Path, data: bytes, suffix: str, encoding: str) -> tuple[bytes, bool]:
    """(compressed bytes, whether they came from the cache)."""
    key = hashlib.sha256(SETTINGS.encode() + b"\0" + suffix.encode() + b"\0" + data).hexdigest()
    entry = cache / f"{key}.{encoding}"
    try:
        out = entry.read_bytes()
        os.utime(entry)  # still in use: keep it past the pruning
        return out, True
    except FileNotFoundError:
        pass
    out = _compress(data, suffix, encoding)
    cache.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name, then renamed: a build running at the same time never
    # reads half a file.
    partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    partial.write_bytes(out)
    partial.replace(entry)
    return out, False


def encoded_sizes(path: Path, cache: Path) -> dict[str, int]:
    """{Content-Encoding: bytes} of the copies precompress() writes beside `path` (from the same
    cache, so the later step compresses nothing twice)."""
    data = path.read_bytes()
    if path.suffix not in TEXT | BINARY or len(data) < MIN_BYTES:
        return {}
    sizes = {encoding: len(_cached(cache, data, path.suffix, encoding)[0]) for encoding in ENCODINGS.values()}
    return {encoding: size for encoding, size in sizes.items() if size <= MAX_RATIO * len(data)}


def prune(cache: Path, days: float = CACHE_DAYS) -> int:
    if not cache.is_dir():
        return 0
    cutoff = time.time() - days * 86400
    removed = 0
    for entry in cache.iterdir():
        if entry.stat().st_mtime < cutoff:
            entry.unlink(missing_ok=True)
            removed += 1
    return removed


def remove_orphans(site: Path) -> None:
    """Drops NAME.br / NAME.gz whose NAME is gone: a rebuild into the same folder must not leave
    a copy that a server would still send. (Copies of files still there are rewritten below.)"""
    for suffix in ENCODINGS:
        for copy in site.rglob(f"*{suffix}"):
            if not copy.with_name(copy.name[: -len(suffix)]).exists():
                copy.unlink()


def remove_copies(site: Path) -> int:
    """Drops every NAME.br / NAME.gz beside its NAME: a build without precompression must not
    leave an older build's copies for a server to send."""
    copies = [copy for suffix in ENCODINGS for copy in site.rglob(f"*{suffix}")
              if copy.with_name(copy.name[: -len(suffix)]).exists()]
    for copy in copies:
        copy.unlink()
    return len(copies)


def precompress(site: Path, cache: Path) -> Summary:
    """Writes NAME.br and NAME.gz beside every compressible file of `site` and returns the sums;
    compressed bytes are kept in `cache` by the input's hash."""
    remove_orphans(site)
    summary = Summary()
    for path in candidates(site):
        data = path.read_bytes()
        sizes = {}
        for suffix, encoding in ENCODINGS.items():
            out, hit = _cached(cache, data, path.suffix, encoding)
            summary.cached += hit
            copy = path.with_name(path.name + suffix)
            if len(out) <= MAX_RATIO * len(data):
                copy.write_bytes(out)
                sizes[encoding] = len(out)
            else:
                copy.unlink(missing_ok=True)  # an older build's copy of different bytes
        if not sizes:
            continue
        summary.files += 1
        summary.raw += len(data)
        summary.brotli += sizes.get("br", len(data))
        summary.gzip += sizes.get("gzip", len(data))
        summary.largest[path.relative_to(site).as_posix()] = (len(data), sizes.get("br", 0), sizes.get("gzip", 0))
    prune(cache)
    return summary


def report(summary: Summary, top: int = 5) -> str:
    """One line per large file and the total, for the build log."""
    kib = lambda n: f"{n / 1024:,.0f} KiB"  # noqa: E731
    lines = [f"{summary.files} files: {kib(summary.raw)} raw, {kib(summary.brotli)} brotli, "
             f"{kib(summary.gzip)} gzip ({summary.cached} from the cache)"]
    biggest = sorted(summary.largest.items(), key=lambda item: -item[1][0])[:top]
    lines += [f"  {name}: {kib(raw)} raw, {kib(br)} br, {kib(gz)} gz" for name, (raw, br, gz) in biggest]
    return "\n".join(lines)
