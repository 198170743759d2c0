"""``from_response`` never raises on a value of another type than its member's: it keeps it.

The value reads ``None`` from its typed attribute (which never holds another type), shows in
``shape_misfits``, and ``to_boto()`` writes it back where it was, with its Python type: the
response round-trips exactly. Coercions are gone: ``"100"`` is not read as ``100.0``,
``False`` not as ``0``. IAM's policy documents, which botocore's ``json_decode_policies``
handler turns into dicts, were the case real calls hit; they are now typed as boto3 gives
them (``codegen/handlers.py``), and read end to end here on IAM's generated package,
through botocore's Stubber, the handler and the facade, with nothing put aside.
"""

from __future__ import annotations

import copy
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

import botoshapes.sagemaker as sm
from botoshapes import ShapeValidationError
from botoshapes._runtime.nesting import freeze
from tests.deploy_states import endpoint, variant
from tests.other_services import Services


def same(one: Any, other: Any) -> bool:
    """Equal, and of the same Python types all the way down."""
    if type(one) is not type(other):
        return False
    if isinstance(one, dict):
        return one.keys() == other.keys() and all(same(one[k], other[k]) for k in one)
    if isinstance(one, list):
        return len(one) == len(other) and all(same(a, b) for a, b in zip(one, other, strict=True))
    return bool(one == other)


def _described(**changes: Any) -> dict[str, Any]:
    data = endpoint("prod-v1", variant("blue", 4), variant("green", 2))
    del data["ResponseMetadata"]
    for path, value in changes.items():
        *to, last = path.split(".")
        holder: Any = data
        for key in to:
            holder = holder[int(key)] if key.isdigit() else holder[key]
        holder[int(last) if last.isdigit() else last] = value
    return data


CASES = [
    pytest.param("EndpointStatus", True, id="a bool in an enum"),
    pytest.param("EndpointName", 5, id="a number in a string"),
    pytest.param("FailureReason", {"Reason": ["a", 1]}, id="a map in a string"),
    pytest.param("CreationTime", "yesterday", id="text in a timestamp"),
    pytest.param("ProductionVariants.0.CurrentInstanceCount", 2.5, id="a float in an integer"),
    pytest.param("ProductionVariants.0.CurrentInstanceCount", False, id="a bool in an integer"),
    pytest.param("ProductionVariants.1.CurrentWeight", "0.5", id="text in a double"),
    pytest.param("ProductionVariants.1.CurrentWeight", True, id="a bool in a double"),
    pytest.param("ProductionVariants.1.VariantStatus", "Baking", id="text in a list"),
    pytest.param("ProductionVariants.0", "blue", id="text in a list of structures"),
    pytest.param("DataCaptureConfig", ["on"], id="a list in a structure"),
]


@pytest.mark.parametrize(("path", "value"), CASES)
def test_a_value_of_another_type_is_kept_never_forced(path: str, value: Any) -> None:
    data = _described(**{path: value})
    model = sm.DescribeEndpointOutput.from_response(data)
    assert same(model.to_boto(), data)
    *to, member = path.split(".")
    holder: Any = model
    for key in to:
        holder = holder[int(key)] if key.isdigit() else getattr(holder, _attribute(holder, key))
    if member.isdigit():  # an item of a list: the whole list did not fit
        holder, member = model, to[-1]
    assert member in holder.shape_misfits
    assert getattr(holder, _attribute(holder, member)) is None
    assert sm.DescribeEndpointOutput.from_response(model.to_boto()) == model


def _attribute(model: Any, wire: str) -> str:
    return str(next(n for n, f in type(model).model_fields.items() if (f.alias or n) == wire))


def test_numbers_keep_their_type() -> None:
    # an int in a double is a number as the service sent it (and a float to type checkers)
    data = _described(**{"ProductionVariants.0.CurrentWeight": 1})
    model = sm.DescribeEndpointOutput.from_response(data)
    assert model.production_variants is not None
    weight = model.production_variants[0].current_weight
    assert (type(weight), weight) == (int, 1)
    assert same(model.to_boto(), data)
    assert not model.production_variants[0].shape_misfits


def test_what_was_coerced_is_kept_as_it_came() -> None:
    # "0.5" was read as 0.5 and False as 0: the response did not round-trip
    data = _described(
        **{"ProductionVariants.1.CurrentWeight": "0.5", "ProductionVariants.0.DesiredWeight": 0}
    )
    data["ProductionVariants"][0]["CurrentInstanceCount"] = False
    model = sm.DescribeEndpointOutput.from_response(data)
    assert same(model.to_boto(), data)
    first, second = model.production_variants or ()
    assert (first.current_instance_count, second.current_weight) == (None, None)
    assert first.desired_weight == 0  # an int in a double: kept, and a number


def test_misfits_and_unknown_members_live_side_by_side() -> None:
    data = _described(EndpointName=7)
    data["NewMember"] = {"x": 1}
    model = sm.DescribeEndpointOutput.from_response(data)
    assert dict(model.shape_misfits) == {"EndpointName": 7}
    assert set(model.model_extra or {}) == {"EndpointName", "NewMember"}
    assert same(model.to_boto(), data)
    # what did not fit is no request: checked as one, it is refused at its path
    with pytest.raises(ShapeValidationError, match="EndpointName: 7 is not a string"):
        model.as_request()


def test_a_model_a_request_built_has_no_misfits() -> None:
    assert dict(sm.ProductionVariant(variant_name="v").shape_misfits) == {}


def test_what_no_structure_can_hold_still_fails() -> None:
    with pytest.raises(ShapeValidationError, match="is not a structure"):
        sm.DescribeEndpointOutput.from_response(["not", "a", "response"])  # type: ignore[arg-type]


# -- IAM: botocore hands the policy documents over parsed ------------------------------------


@pytest.fixture(scope="module")
def iam(services: Services) -> ModuleType:
    return services("iam")


POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "x"}
    ],
}


def _role(name: str) -> dict[str, Any]:
    return {
        "Path": "/",
        "RoleName": name,
        "RoleId": "AROAEXAMPLEID123456",
        "Arn": f"arn:aws:iam::123456789012:role/{name}",
        "CreateDate": datetime(2026, 12, 1, tzinfo=UTC),
        # what the service sends: URL-encoded JSON text (botocore decodes it after the call)
        "AssumeRolePolicyDocument": urllib.parse.quote(
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
            '{"Service":"sagemaker.amazonaws.com"},"Action":"x"}]}'
        ),
    }


@pytest.mark.slow
def test_iam_s_parsed_policy_documents_read_through_the_facade(
    iam: ModuleType, tmp_path: Path
) -> None:
    client = boto3.client(
        "iam", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    facade = iam.IAMClient(client)
    with Stubber(client) as stub:
        stub.add_response("get_role", {"Role": _role("svc")}, {"RoleName": "svc"})
        stub.add_response(
            "list_roles", {"Roles": [_role("a"), _role("b")], "IsTruncated": False}, {}
        )
        got = facade.get_role(role_name="svc")
        listed = facade.list_roles()
        stub.assert_no_pending_responses()
    # botocore's json_decode_policies made the document a dict; the model types it so
    role = got.role
    assert role.assume_role_policy_document == freeze(POLICY)
    assert role.shape_misfits == {}
    assert role.to_boto()["AssumeRolePolicyDocument"] == POLICY
    assert [r.to_boto()["AssumeRolePolicyDocument"] for r in listed.roles] == [POLICY] * 2
    assert all(r.shape_misfits == {} for r in listed.roles)
    # and what boto3 returned round-trips exactly
    raw = copy.deepcopy(_role("svc"))
    raw["AssumeRolePolicyDocument"] = POLICY
    assert same(iam.GetRoleResponse.from_response({"Role": raw}).to_boto(), {"Role": raw})
