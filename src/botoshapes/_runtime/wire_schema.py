"""The JSON Schema of a model in wire names, as editors use it to check YAML and JSON configs."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .contract import decode_python_re


class _WireSchema(GenerateJsonSchema):
    """Wire names, enums and constraints; no ``null`` (no request can send one), no titles."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def chain_schema(self, schema: core_schema.ChainSchema) -> JsonSchemaValue:
        # An enum is text first, then a member of the enum: the last step says more.
        return self.generate_inner(schema["steps"][-1])

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        # A pattern with look-around is emitted encoded for Python's re (pydantic compiles
        # every pattern with Rust's regex): the schema gets the regex, anchored as JSON
        # Schema's (ECMA-262) patterns are, ^...$ for re's \A...\Z.
        result = super().str_schema(schema)
        decoded = decode_python_re(result.get("pattern", ""))
        if decoded is not None:
            result["pattern"] = "^" + decoded.removeprefix("\\A").removesuffix("\\Z") + "$"
        return result


def wire_json_schema(model: Any) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``model``'s boto3 dict."""
    schema: dict[str, Any] = model.model_json_schema(
        by_alias=True, mode="validation", schema_generator=_WireSchema
    )
    schema["$schema"] = GenerateJsonSchema.schema_dialect
    return schema
