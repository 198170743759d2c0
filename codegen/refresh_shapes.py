"""Pin a service's model files from the installed botocore into ``shapes/``.

``python -m codegen.refresh_shapes`` (wrapped by ``nox -s shapes``) copies
``service-2.json``, ``waiters-2.json`` and ``paginators-1.json`` of the newest
API version of each service, uncompressed and re-indented for readable diffs,
and writes ``manifest.json`` with the botocore version and each file's sha256.
The generator reads only ``shapes/``, never botocore's own data directory.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

import botocore
from botocore.loaders import Loader

MODEL_FILES = {
    "service-2": "service-2.json",
    "waiters-2": "waiters-2.json",
    "paginators-1": "paginators-1.json",
}
MANIFEST = "manifest.json"


def dump_json(data: Any) -> bytes:
    """The form every pinned file is stored in: key order kept, 2-space indent, final newline."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def refresh(service: str, shapes_dir: Path) -> dict[str, Any]:
    loader = Loader()
    api_version = loader.determine_latest_version(service, "service-2")
    target = shapes_dir / service
    target.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    for type_name, file_name in MODEL_FILES.items():
        data = dump_json(loader.load_service_model(service, type_name, api_version))
        (target / file_name).write_bytes(data)
        files[file_name] = sha256(data)
    manifest = {
        "service": service,
        "api_version": api_version,
        "botocore_version": botocore.__version__,
        "files": files,
    }
    (target / MANIFEST).write_bytes(dump_json(manifest))
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", type=Path, default=Path("shapes"))
    parser.add_argument("services", nargs="*", default=["sagemaker"])
    args = parser.parse_args(argv)
    for service in args.services:
        manifest = refresh(service, args.shapes)
        print(
            f"{service} {manifest['api_version']} pinned from botocore "
            f"{manifest['botocore_version']} into {args.shapes / service}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
