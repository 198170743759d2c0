"""The runtime's contract module, as the generator imports it: by its file, alone.

``botoshapes._runtime.contract`` is what the generator writes and the runtime reads
(:class:`ShapeTraits`, the encoding of ``re`` patterns, the rules module's name). Imported
the usual way, it would first run the package's ``__init__`` files, which are generated and
load the whole runtime: a stale or broken ``generated/`` could then keep the generator from
regenerating it. The module imports only the standard library, so it is loaded from
``src/`` on its own and registered under its import name; a process that imports the
runtime as well (the tests) gets this one module object.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import TYPE_CHECKING

from .sources import SOURCE_ROOT

NAME = "botoshapes._runtime.contract"


def _load() -> ModuleType:
    loaded = sys.modules.get(NAME)
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location(
        NAME, SOURCE_ROOT / "botoshapes" / "_runtime" / "contract.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[NAME] = module
    spec.loader.exec_module(module)
    return module


if TYPE_CHECKING:
    from botoshapes._runtime.contract import (
        RULES_MODULE,
        TRAITS_ATTRIBUTE,
        ShapeTraits,
        decode_python_re,
        encode_python_re,
    )
else:
    _contract = _load()
    RULES_MODULE = _contract.RULES_MODULE
    TRAITS_ATTRIBUTE = _contract.TRAITS_ATTRIBUTE
    ShapeTraits = _contract.ShapeTraits
    decode_python_re = _contract.decode_python_re
    encode_python_re = _contract.encode_python_re

__all__ = [
    "RULES_MODULE",
    "TRAITS_ATTRIBUTE",
    "ShapeTraits",
    "decode_python_re",
    "encode_python_re",
]
