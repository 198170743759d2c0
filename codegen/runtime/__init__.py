"""Hand-written support that every generated service package imports.

This package is copied into ``generated/botoshapes/_runtime`` by the
generator; edit it here, never there.
"""

from .enums import ShapeEnum
from .model import ShapeModel

__all__ = ["ShapeEnum", "ShapeModel"]
