"""Reading the command line's files: JSON or YAML, each a mapping of wire names."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

Path_ = tuple[str | int, ...]
"""Where a value is in a file: keys and list indexes from the top."""


class InputError(Exception):
    """Input that cannot be read: the command line's exit status 2."""


def load(path: str) -> dict[str, Any]:
    """A JSON or YAML file (by its suffix) holding a mapping."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")  # a byte order mark is no content
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text: {error.reason} at byte {error.start}") from None
    try:
        data = _parse(path, file.suffix.lower(), text)
    except RecursionError:
        raise InputError(f"{path}: nests too deep to read") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: holds a {type(data).__name__}, not a mapping of wire names")
    return data


def _parse(path: str, suffix: str, text: str) -> Any:
    if suffix in (".yaml", ".yml"):
        try:
            import yaml  # noqa: PLC0415  (an optional extra)
        except ImportError:
            raise InputError(
                f"{path}: reading YAML needs PyYAML: pip install 'botoshapes-sagemaker[yaml]'"
            ) from None
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise InputError(f"{path}: not YAML: {error}".replace("\n", " ")) from None
    try:
        return json.loads(text)
    except ValueError as error:
        raise InputError(f"{path}: not JSON: {error}") from None


def lines_of(path: str) -> Mapping[Path_, int]:
    """The line (1-based) of each value in a YAML or JSON file, by where it is, as PyYAML
    reads it (JSON is YAML); empty without PyYAML or for text it cannot read."""
    try:
        import yaml  # noqa: PLC0415  (an optional extra)
    except ImportError:
        return {}
    try:
        root = yaml.compose(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return {}
    found: dict[Path_, int] = {}
    todo: list[tuple[Path_, Any]] = [((), root)]
    while todo:
        where, node = todo.pop()
        if node is None:
            continue
        found[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            todo += [((*where, key.value), value) for key, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            todo += [((*where, index), item) for index, item in enumerate(node.value)]
    return found
