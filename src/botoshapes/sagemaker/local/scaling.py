"""Application Auto Scaling on the local server: the scalable dimensions of today's model.

The moto release this server extends refuses ``sagemaker:inference-component:DesiredCopyCount``
(its list of dimensions is older than inference components). While a request of the local
server is answered, moto's list is the one botocore's service model gives, each of moto's
own names kept; every other request is moto's, unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Any

from moto.applicationautoscaling import models, responses
from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse

if TYPE_CHECKING:
    from moto.core.common_types import TYPE_RESPONSE

_LOCK = threading.Lock()
_MODULES = (models, responses)


def _dimensions() -> type[Enum]:
    """moto's enum of scalable dimensions with those of botocore's model it lacks."""
    import botocore.session  # noqa: PLC0415

    model = botocore.session.get_session().get_service_model("application-autoscaling")
    known = {member.name: member.value for member in models.ScalableDimensionValueSet}
    values = set(known.values())
    shape: Any = model.shape_for("ScalableDimension")  # a StringShape, with its enum
    for value in shape.enum:
        if value not in values:
            known[value.upper().replace(":", "_").replace("-", "_")] = value
    return Enum("ScalableDimensionValueSet", known)  # type: ignore[return-value]


_MODEL: list[type[Enum]] = []


@contextmanager
def model_dimensions() -> Iterator[None]:
    """moto's scalable dimensions as the service model has them, while held."""
    with _LOCK:
        if not _MODEL:
            _MODEL.append(_dimensions())
        moto_own: Any = models.ScalableDimensionValueSet
        for module in _MODULES:
            module.ScalableDimensionValueSet = _MODEL[0]  # type: ignore[attr-defined]
        try:
            yield
        finally:
            for module in _MODULES:
                module.ScalableDimensionValueSet = moto_own  # type: ignore[attr-defined]


class LocalAutoScalingResponse(ApplicationAutoScalingResponse):
    """moto's Application Auto Scaling, with the service model's scalable dimensions."""

    def call_action(self) -> TYPE_RESPONSE:
        with model_dimensions():
            return super().call_action()
