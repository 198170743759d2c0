"""Hand-written support that every generated service package imports.

This package is copied into ``generated/botoshapes/_runtime`` by the
generator; edit it here, never there.
"""

from .builder import ShapeBuilder
from .enums import ShapeEnum
from .errors import InvalidValue, ShapeValidationError
from .frozen import FrozenMap
from .model import ShapeModel
from .settings import constraint_checks, constraints_checked

__all__ = [
    "FrozenMap",
    "InvalidValue",
    "ShapeBuilder",
    "ShapeEnum",
    "ShapeModel",
    "ShapeValidationError",
    "constraint_checks",
    "constraints_checked",
]
