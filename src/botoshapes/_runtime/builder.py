"""The builder behind every model's ``builder()`` and ``to_builder()``.

The generated stubs give each model a typed builder class with one method per
member; at run time one generic class serves them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from .model import ShapeModel

# Covariant: a builder of a model is a builder of its base, so each stub model
# can narrow builder() and to_builder() to its own builder class.
M_co = TypeVar("M_co", bound="ShapeModel", covariant=True)


class ShapeBuilder(Generic[M_co]):
    """Collects members by attribute name; :meth:`build` validates and returns the model."""

    __slots__ = ("_model", "_values")

    def __init__(self, model: type[M_co], values: dict[str, Any] | None = None) -> None:
        self._model = model
        self._values: dict[str, Any] = dict(values or {})

    if not TYPE_CHECKING:  # the stubs declare one typed method per member instead

        def __getattr__(self, name: str) -> Callable[[Any], ShapeBuilder[M_co]]:
            if name.startswith("_") or name not in self._model.model_fields:
                raise AttributeError(f"{self._model.__name__} has no member named {name!r}")

            def set_member(value: Any, /) -> ShapeBuilder[M_co]:
                self._values[name] = value
                return self

            set_member.__name__ = name
            return set_member

    def build(self) -> M_co:
        """The frozen model; raises ``ShapeValidationError`` naming what is missing or wrong."""
        return self._model(**self._values)

    def __repr__(self) -> str:
        return f"{self._model.__name__}.builder() with {sorted(self._values)}"
