"""The facade covers the pinned model: every operation, waiter, paginator and error shape.

The expected names come from shapes/ and botocore's own name conversion, not
from the generator.
"""

from __future__ import annotations

import inspect
import json

import boto3
import pytest
from botocore import xform_name

from botoshapes.sagemaker import SageMakerClient, errors
from tests.conftest import SAGEMAKER, SHAPES

OPERATIONS = sorted(SAGEMAKER["operations"])
WAITERS = json.loads((SHAPES / "sagemaker" / "waiters-2.json").read_text())["waiters"]
PAGINATORS = json.loads((SHAPES / "sagemaker" / "paginators-1.json").read_text())["pagination"]
FACADE_EXTRAS = {
    "boto3",
    "create",
    "wait_for_endpoint_deployment",
    "wait_for_inference_component_deployment",
    "service_name",
}


def _public_methods() -> set[str]:
    return {n for n in dir(SageMakerClient) if not n.startswith("_")}


def test_one_method_per_operation_waiter_and_paginator() -> None:
    expected = {xform_name(op) for op in OPERATIONS}
    expected |= {"wait_until_" + xform_name(w) for w in WAITERS}
    expected |= {"paginate_" + xform_name(p) for p in PAGINATORS}
    assert _public_methods() - FACADE_EXTRAS == expected


def test_operation_methods_are_named_as_boto3_names_them() -> None:
    client = boto3.client(
        "sagemaker", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    boto3_methods = set(client.meta.method_to_api_mapping)
    assert {xform_name(op) for op in OPERATIONS} <= boto3_methods


@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_operation_documents_the_errors_it_raises(operation: str) -> None:
    method = getattr(SageMakerClient, xform_name(operation))
    doc = inspect.getdoc(method) or ""
    assert doc.startswith(operation)
    for error in SAGEMAKER["operations"][operation].get("errors", []):
        assert error["shape"] in doc.split("Raises:")[-1]


def test_every_error_shape_has_an_exception_class() -> None:
    shapes = sorted(n for n, s in SAGEMAKER["shapes"].items() if s.get("exception"))
    for name in shapes:
        kind = getattr(errors, name)
        assert issubclass(kind, errors.SageMakerError)
        assert errors.BY_CODE[name] is kind
    for common in ("ValidationException", "ThrottlingException", "Throttling"):
        assert issubclass(errors.BY_CODE[common], errors.SageMakerError)
