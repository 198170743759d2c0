"""Operations whose request carries an event stream need HTTP/2, which botocore does not
speak: boto3's clients leave them out (botocore's handlers delete the methods), and so does
the typed client, for every service of the pinned botocore. Their shapes are still generated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.loaders import Loader

from codegen.emit.facade import facade_context, sends_events
from codegen.load import load_service
from codegen.pin import pin_service

pytestmark = pytest.mark.slow  # a sweep over whole services


def _sends_events(model: dict[str, Any], operation: dict[str, Any]) -> bool:
    """Read straight from botocore's JSON, apart from the generator's IR."""
    shapes = model["shapes"]
    request = operation.get("input", {}).get("shape")
    members = shapes[request].get("members", {}).values() if request else []
    return any(shapes[m["shape"]].get("eventstream") for m in members)


def _services_sending_events() -> dict[str, set[str]]:
    loader = Loader()
    found: dict[str, set[str]] = {}
    for service in loader.list_available_services("service-2"):
        model = loader.load_service_model(service, "service-2")
        names = {n for n, op in model["operations"].items() if _sends_events(model, op)}
        if names:
            found[service] = names
    return found


def test_the_typed_client_leaves_out_what_boto3_leaves_out(tmp_path: Path) -> None:
    found = _services_sending_events()
    assert "lexv2-runtime" in found  # StartConversation: the case that has been there longest
    for service, operations in found.items():
        pin_service(service, tmp_path)
        model, _ = load_service(tmp_path / service)
        client: Any = boto3.client(  # type: ignore[call-overload]  # any service's name
            service,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        missing = {op.method_name for op in model.operations if not hasattr(client, op.method_name)}
        left_out = {op.method_name for op in model.operations if sends_events(model, op)}
        assert left_out == missing, service
        assert {op.name for op in model.operations if sends_events(model, op)} == operations
        context = facade_context(model)
        assert context.left_out == tuple(sorted(left_out))
        offered = {o.op.method_name for o in context.operations}
        assert offered == {op.method_name for op in model.operations} - left_out, service
        request = next(op.input for op in model.operations if sends_events(model, op))
        assert request in model.shapes  # the shapes stay
