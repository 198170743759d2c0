"""Services other than SageMaker, generated for a test from the pinned botocore.

Each is written to a scratch tree and its package imported beside the installed
``botoshapes`` (the runtime they share is the same code, copied by the generator).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

import botoshapes
from codegen.generate import generate_tree
from codegen.naming import package_name
from codegen.refresh_shapes import refresh
from codegen.write import write_tree


def generated(service: str, root: Path) -> ModuleType:
    """``botoshapes.<service>``, generated into ``root``."""
    refresh(service, root / "shapes")
    write_tree(generate_tree(root / "shapes", [service]).tree, root / "out")
    botoshapes.__path__.append(str(root / "out" / "botoshapes"))
    return importlib.import_module(f"botoshapes.{package_name(service)}")
