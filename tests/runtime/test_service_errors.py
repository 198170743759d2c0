"""Error responses of every protocol map to the service's exception classes, also where the
code on the wire is not the shape's name (query: IAM's ``NoSuchEntity``)."""

from __future__ import annotations

import importlib
from types import ModuleType

import boto3
import pytest
from botocore.stub import Stubber

from tests.other_services import Services


@pytest.fixture(scope="module")
def iam(services: Services) -> ModuleType:
    return services("iam")


def test_an_error_code_that_is_not_the_shape_name_maps_to_its_class(iam: ModuleType) -> None:
    raw = boto3.client(
        "iam", region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t"
    )
    errors = importlib.import_module(f"{iam.__name__}.errors")
    with Stubber(raw) as stubber:
        stubber.add_client_error(
            "get_role", service_error_code="NoSuchEntity", http_status_code=404,
            service_message="The role with name nobody cannot be found.",
        )  # fmt: skip
        with pytest.raises(errors.NoSuchEntityException) as caught:
            iam.IAMClient(raw).get_role(role_name="nobody")
    assert caught.value.code == "NoSuchEntity"
    assert isinstance(caught.value, errors.IAMError)
    assert "cannot be found" in caught.value.message
