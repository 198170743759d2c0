"""Reading the command line's files: JSON or YAML, each a mapping of wire names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


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
