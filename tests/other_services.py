"""Services other than SageMaker, generated for a test from the pinned botocore.

Each is written to a scratch tree and its package imported beside the installed
``botoshapes`` (the runtime they share).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import botoshapes
from codegen.generate import generate_tree
from codegen.naming import package_name
from codegen.pin import pin_service
from codegen.write import write_tree


def generated(service: str, root: Path) -> ModuleType:
    """``botoshapes.<service>``, generated into ``root``."""
    pin_service(service, root / "shapes")
    write_tree(generate_tree(root / "shapes", [service]).tree, root / "out")
    botoshapes.__path__.append(str(root / "out" / "botoshapes"))
    return importlib.import_module(f"botoshapes.{package_name(service)}")


class Services:
    """Service packages generated once per test session, on first use, by botocore name."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._made: dict[str, ModuleType] = {}

    def __call__(self, service: str) -> ModuleType:
        if service not in self._made:
            self._made[service] = generated(service, self._root / service)
        return self._made[service]
