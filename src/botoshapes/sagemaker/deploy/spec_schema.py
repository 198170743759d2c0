"""The JSON Schema of an endpoint spec file, for editors (``botoshapes schema EndpointSpec``).

Made from the request models' own wire schemas (enums, patterns, limits), as the spec
reads them: ``models:`` holds ``CreateModel`` requests without ``ModelName``; ``config:``
a ``CreateEndpointConfig`` without ``EndpointConfigName`` whose variants' ``ModelName`` is
a key of ``models:``; ``deployment:`` the members of ``UpdateEndpoint`` a spec takes;
``components:`` ``CreateInferenceComponent`` requests without their two names, by name, with
the ``DeploymentConfig`` of their updates. ``models:`` may be left out when there are
components (their containers can be their own).
"""

from __future__ import annotations

import copy
from typing import Any

from botoshapes._runtime.wire_schema import wire_json_schema

from .spec import DEPLOYMENT_KEYS

_VARIANT = "SpecProductionVariant"


def spec_json_schema() -> dict[str, Any]:
    """The schema (draft 2020-12) of a spec file."""
    from botoshapes.sagemaker import (  # noqa: PLC0415
        CreateEndpointConfigInput,
        CreateEndpointInput,
        CreateInferenceComponentInput,
        CreateModelInput,
        InferenceComponentDeploymentConfig,
        UpdateEndpointInput,
    )

    parts = {
        name: wire_json_schema(model)
        for name, model in (
            ("model", CreateModelInput),
            ("config", CreateEndpointConfigInput),
            ("create", CreateEndpointInput),
            ("update", UpdateEndpointInput),
            ("component", CreateInferenceComponentInput),
            ("rollout", InferenceComponentDeploymentConfig),
        )
    }
    defs: dict[str, Any] = {}
    for part in parts.values():
        defs |= part.pop("$defs", {})
        part.pop("$schema", None)
    variant = copy.deepcopy(defs["ProductionVariant"])
    variant["properties"]["ModelName"] = {
        "type": "string",
        "description": "A key of the spec's models: (its name is derived from its content).",
    }
    defs[_VARIANT] = variant
    model = _without(parts["model"], "ModelName")
    config = _without(parts["config"], "EndpointConfigName")
    for lists in ("ProductionVariants", "ShadowProductionVariants"):
        config["properties"][lists]["items"] = {"$ref": f"#/$defs/{_VARIANT}"}
    update = parts["update"]
    deployment = {
        "type": "object",
        "additionalProperties": False,
        "properties": {k: v for k, v in update["properties"].items() if k in DEPLOYMENT_KEYS},
    }
    names = parts["component"]["properties"]["InferenceComponentName"]
    component = _without(_without(parts["component"], "InferenceComponentName"), "EndpointName")
    component["properties"]["DeploymentConfig"] = parts["rollout"]
    for name in ("InferenceComponentSpecification",):
        spec = defs[name]["properties"]
        spec["ModelName"] = {
            "type": "string",
            "description": "A key of the spec's models:, or the name of a model of the account.",
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "EndpointSpec",
        "description": "An endpoint's desired state: botoshapes deploy plan|apply|rehearse.",
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "config"],
        "properties": {
            "name": update["properties"]["EndpointName"],
            "tags": parts["create"]["properties"]["Tags"],
            "models": {"type": "object", "minProperties": 1, "additionalProperties": model},
            "config": config,
            "deployment": deployment,
            "components": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": names,
                "additionalProperties": component,
            },
        },
        "$defs": defs,
    }


def _without(schema: dict[str, Any], member: str) -> dict[str, Any]:
    """``schema`` without ``member``, the name the spec derives."""
    out = copy.deepcopy(schema)
    out["properties"].pop(member)
    out["required"] = [r for r in out.get("required", []) if r != member]
    out.pop("title", None)
    return out
