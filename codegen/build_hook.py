"""A hatchling build hook of the development project: ``src/``'s links to the generated files.

``src/botoshapes`` is the package as the repository's tools see it: the hand-written modules
and, beside them, links to the generated entries (:mod:`codegen.sources`). The links are not
committed (each would read as a copy of a generated file to anything that follows it);
building the project, editable or not, makes them, as ``nox -s codegen`` does. Only links
are ever made or removed.
"""

from __future__ import annotations

import sys
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class LinkGenerated(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "link-generated"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        sys.path.insert(0, self.root)
        try:
            from codegen.sources import write_links  # noqa: PLC0415

            write_links()
        finally:
            sys.path.remove(self.root)
