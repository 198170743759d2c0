"""Pin a service's model files from the installed botocore into ``shapes/``.

``python -m codegen.pin SERVICE...`` (wrapped by ``nox -s shapes``)
copies ``service-2.json`` of the newest API version of each service, and its
``waiters-2.json`` and ``paginators-1.json`` where botocore has them (many
services have neither), uncompressed and re-indented for readable diffs, and
writes ``manifest.json`` with the botocore version and each file's sha256.
A pin is written whole or not at all: the files go to a new folder that then
takes the old one's place. The generator reads only ``shapes/``, never
botocore's own data directory.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import botocore
from botocore.exceptions import DataNotFoundError
from botocore.loaders import Loader

MODEL_FILES = {
    "service-2": "service-2.json",
    "waiters-2": "waiters-2.json",
    "paginators-1": "paginators-1.json",
}
OPTIONAL = frozenset({"waiters-2", "paginators-1"})
MANIFEST = "manifest.json"


def dump_json(data: Any) -> bytes:
    """The form every pinned file is stored in: key order kept, 2-space indent, final newline."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pin_service(service: str, shapes_dir: Path) -> dict[str, Any]:
    """Pin ``service`` (botocore's name: ``sagemaker-runtime``) into ``shapes_dir/service``.

    Raises botocore's ``UnknownServiceError`` for a name botocore does not know,
    before anything is written.
    """
    loader = Loader()
    api_version = loader.determine_latest_version(service, "service-2")
    pinned: dict[str, bytes] = {}
    for type_name, file_name in MODEL_FILES.items():
        try:
            model = loader.load_service_model(service, type_name, api_version)
        except DataNotFoundError:
            if type_name in OPTIONAL:
                continue
            raise
        pinned[file_name] = dump_json(model)
    manifest = {
        "service": service,
        "api_version": api_version,
        "botocore_version": botocore.__version__,
        "files": {name: sha256(data) for name, data in pinned.items()},
    }
    pinned[MANIFEST] = dump_json(manifest)
    shapes_dir.mkdir(parents=True, exist_ok=True)
    target = shapes_dir / service
    fresh = Path(tempfile.mkdtemp(prefix=f".{service}.", dir=shapes_dir))
    fresh.chmod(0o755)
    try:
        for file_name, data in pinned.items():
            (fresh / file_name).write_bytes(data)
        if target.exists():
            old = target.with_name(f".{service}.replaced")
            target.rename(old)
            fresh.rename(target)
            shutil.rmtree(old)
        else:
            fresh.rename(target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return manifest


def refuse_unknown(services: list[str]) -> bool:
    """Whether any of ``services`` is not a service of the installed botocore; each such
    name is reported on stderr, with the names closest to it."""
    known = set(Loader().list_available_services("service-2"))
    unknown = [s for s in services if s not in known]
    for name in unknown:
        close = difflib.get_close_matches(name.lower(), sorted(known), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        print(f"botocore {botocore.__version__} has no service {name!r}{hint}", file=sys.stderr)
    return bool(unknown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", type=Path, default=Path("shapes"))
    parser.add_argument("services", nargs="*", default=["sagemaker"], help="botocore's names")
    args = parser.parse_args(argv)
    if refuse_unknown(args.services):
        return 2
    for service in args.services:
        manifest = pin_service(service, args.shapes)
        extras = sorted(set(MODEL_FILES.values()) - set(manifest["files"]))
        print(
            f"{service} {manifest['api_version']} pinned from botocore "
            f"{manifest['botocore_version']} into {args.shapes / service}"
            + (f" (botocore has no {' or '.join(extras)} for it)" if extras else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
