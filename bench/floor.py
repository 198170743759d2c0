"""The floor of a pydantic-based SDK: a plain pydantic v2 model of the same shape.

``DescribeEndpointOutput``'s wire JSON Schema, without its patterns and without
``additionalProperties: false`` (a response may carry members the model does not
know), through datamodel-code-generator with its defaults: mutable models,
pydantic's own lax validation, no rules, no forgiving reads. Its round trip,
``model_validate`` then ``model_dump(by_alias=True, exclude_unset=True)``, is what
any SDK built on pydantic pays at least; botoshapes' ``from_response`` + ``to_boto``
is measured against it.
"""

from __future__ import annotations

import json
import sys
import types
import warnings
from typing import Any

from botoshapes._runtime.wire_schema import wire_json_schema
from botoshapes.sagemaker import DescribeEndpointOutput

_DROPPED = frozenset({"pattern", "additionalProperties"})


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items() if k not in _DROPPED}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return node


def floor_model() -> Any:
    """The generated root model class (``DescribeEndpointOutput``)."""
    # the bench environment's (the codegen group)
    from datamodel_code_generator import InputFileType, generate  # noqa: PLC0415
    from datamodel_code_generator.enums import DataModelType  # noqa: PLC0415

    schema = _plain(wire_json_schema(DescribeEndpointOutput))
    with warnings.catch_warnings():  # its notice that default formatters (code style) change
        warnings.simplefilter("ignore", FutureWarning)
        code = generate(
            json.dumps(schema),
            input_file_type=InputFileType.JsonSchema,
            output_model_type=DataModelType.PydanticV2BaseModel,
        )
    if not isinstance(code, str):
        raise TypeError(f"datamodel-code-generator returned {type(code).__name__}, not code")
    module = types.ModuleType("bench_floor_models")
    sys.modules[module.__name__] = module  # pydantic looks its generics' module up there
    exec(compile(code, "<datamodel-code-generator>", "exec"), module.__dict__)
    model = module.__dict__["DescribeEndpointOutput"]
    model.model_rebuild(_types_namespace=module.__dict__)
    return model
