"""Hand-written support that every generated service package imports.

It ships as it is, in the ``botoshapes`` wheel; the generated code meets it
through :mod:`.contract`.
"""

from .builder import ShapeBuilder
from .contract import ShapeTraits
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
    "ShapeTraits",
    "ShapeValidationError",
    "constraint_checks",
    "constraints_checked",
]
