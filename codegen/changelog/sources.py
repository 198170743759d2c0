"""Service models of past botocore releases, fetched once from the package index into a cache.

``model_of(service, version)`` downloads the botocore wheel of ``version``
with pip (``--no-deps``, nothing installed), keeps only the service's newest
``service-2.json`` in ``~/.cache/botoshapes/botocore/<version>/`` (or
``$XDG_CACHE_HOME``), and reads it from there from then on.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

_VERSION = re.compile(r"\d+\.\d+\.\d+")


def read_model(path: Path) -> dict[str, Any]:
    """A ``service-2.json`` document, plain or ``.gz``."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    model: dict[str, Any] = json.loads(data)
    if not isinstance(model, dict) or "operations" not in model or "shapes" not in model:
        raise ValueError(f"{path}: not a service model (no operations and shapes)")
    return model


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "botoshapes" / "botocore"


def model_of(service: str, version: str, cache: Path | None = None) -> dict[str, Any]:
    """``service``'s newest ``service-2.json`` in botocore ``version``."""
    if not _VERSION.fullmatch(version):
        raise ValueError(f"botocore version {version!r} is not like 1.23.0")
    kept = (cache or cache_dir()) / version / f"{service}.service-2.json"
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="botocore-") as folder:
            data = _from_wheel(_download(version, Path(folder)), service, version)
        partial = kept.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(kept)
    return read_model(kept)


def _download(version: str, folder: Path) -> Path:
    pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
    subprocess.run(
        [*pip, "--only-binary=:all:", "--dest", str(folder), f"botocore=={version}"], check=True
    )
    (wheel,) = folder.glob("botocore-*.whl")
    return wheel


def _from_wheel(wheel: Path, service: str, version: str) -> bytes:
    prefix = f"botocore/data/{service}/"
    with zipfile.ZipFile(wheel) as archive:
        found = sorted(
            n
            for n in archive.namelist()
            if n.startswith(prefix) and n.split("/")[-1] in ("service-2.json", "service-2.json.gz")
        )
        if not found:
            raise ValueError(f"botocore {version} has no {service} model")
        data = archive.read(found[-1])  # api versions sort by date: the newest last
    return gzip.decompress(data) if found[-1].endswith(".gz") else data
