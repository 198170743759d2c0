"""Paginator settings are checked like requests, when ``paginate_*`` is called: nothing is sent.

``page_size`` is the operation's limit key (``MaxResults``) and is checked by
the input model, so errors name that member and ``constraint_checks(False)``
relaxes it as it does for constructors; ``max_items`` is a positive integer.
botocore's Stubber answers; a ``before-parameter-build`` hook records every
call that got as far as botocore.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, cast

import boto3
import pytest
from botocore.stub import Stubber

import botoshapes
from botoshapes._runtime.client import ServiceClient
from botoshapes._runtime.errors import ShapeValidationError
from botoshapes.sagemaker import ListModelsInput, ListTagsInput, SageMakerClient
from botoshapes.sagemaker._client import _PAGINATORS

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
ARN = "arn:aws:sagemaker:us-east-1:123456789012:model/m"


@dataclasses.dataclass
class Stubbed:
    sm: SageMakerClient
    stubber: Stubber
    sent: list[dict[str, Any]]


@pytest.fixture
def stubbed() -> Iterator[Stubbed]:
    client = boto3.client(
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    sent: list[dict[str, Any]] = []
    client.meta.events.register(
        "before-parameter-build.sagemaker", lambda params, **_: sent.append(dict(params))
    )
    with Stubber(client) as stubber:
        yield Stubbed(SageMakerClient(client), stubber, sent)
        stubber.assert_no_pending_responses()


def _models(*names: str, **more: Any) -> dict[str, Any]:
    return {
        "Models": [{"ModelName": n, "ModelArn": ARN, "CreationTime": T0} for n in names],
        **more,
    }


@pytest.mark.parametrize(
    ("page_size", "message"),
    [
        (500, "MaxResults: 500 is greater than 100"),
        (101, "MaxResults: 101 is greater than 100"),
        (0, "MaxResults: 0 is less than 1"),
        (-1, "MaxResults: -1 is less than 1"),
        ("5", "MaxResults: '5' is not an integer"),
        (True, "MaxResults: True is not an integer"),
        (5.0, "MaxResults: 5.0 is not an integer"),
    ],
)
def test_page_size_is_checked_as_the_limit_key(
    stubbed: Stubbed, page_size: Any, message: str
) -> None:
    with pytest.raises(ShapeValidationError) as caught:
        stubbed.sm.paginate_list_models(page_size=page_size)  # refused here, not when iterated
    assert message in str(caught.value)
    assert "page_size" in str(caught.value)
    assert [e.path for e in caught.value.errors] == ["MaxResults"]
    assert stubbed.sent == []


def test_page_size_is_checked_against_each_operations_own_limit(stubbed: Stubbed) -> None:
    # ListTags' MaxResults is ListTagsMaxResults: at least 50, no maximum.
    with pytest.raises(ShapeValidationError, match="MaxResults: 1 is less than 50"):
        stubbed.sm.paginate_list_tags(resource_arn=ARN, page_size=1)
    with pytest.raises(ShapeValidationError, match="MaxResults: 1 is less than 50"):
        stubbed.sm.paginate_list_tags(ListTagsInput(resource_arn=ARN), page_size=1)
    assert stubbed.sent == []
    stubbed.stubber.add_response(
        "list_tags", {"Tags": [{"Key": "k", "Value": "v"}]}, {"ResourceArn": ARN, "MaxResults": 500}
    )
    assert [t.key for t in stubbed.sm.paginate_list_tags(resource_arn=ARN, page_size=500)] == ["k"]


def test_page_size_is_sent_as_the_limit_key_on_every_page(stubbed: Stubbed) -> None:
    stubbed.stubber.add_response(
        "list_models", _models("a", NextToken="t1"), {"MaxResults": 100, "NameContains": "a"}
    )
    stubbed.stubber.add_response(
        "list_models", _models("b"), {"MaxResults": 100, "NameContains": "a", "NextToken": "t1"}
    )
    request = ListModelsInput(name_contains="a")
    assert [m.model_name for m in stubbed.sm.paginate_list_models(request, page_size=100)] == [
        "a",
        "b",
    ]


def test_page_size_follows_constraint_checks(stubbed: Stubbed) -> None:
    with botoshapes.constraint_checks(False):
        paginated = stubbed.sm.paginate_list_models(page_size=500)
        with pytest.raises(ShapeValidationError, match="MaxResults: '5' is not an integer"):
            stubbed.sm.paginate_list_models(page_size="5")  # type: ignore[call-overload]
    stubbed.stubber.add_response("list_models", _models("a"), {"MaxResults": 500})
    assert [m.model_name for m in paginated] == ["a"]


def test_page_size_and_the_limit_member_together_are_refused(stubbed: Stubbed) -> None:
    with pytest.raises(ShapeValidationError, match=r"MaxResults: 10 .*page_size=5"):
        stubbed.sm.paginate_list_models(max_results=10, page_size=5)
    with pytest.raises(ShapeValidationError, match=r"MaxResults: 10 .*page_size=10"):
        stubbed.sm.paginate_list_models(ListModelsInput(max_results=10), page_size=10)
    assert stubbed.sent == []
    # The member alone still sets the page size, as it does for boto3.
    stubbed.stubber.add_response("list_models", _models("a"), {"MaxResults": 10})
    assert [m.model_name for m in stubbed.sm.paginate_list_models(max_results=10)] == ["a"]


@pytest.mark.parametrize(
    ("max_items", "message"),
    [
        (0, "max_items: 0 is less than 1"),
        (-1, "max_items: -1 is less than 1"),
        ("2", "max_items: '2' is not an integer"),
        (True, "max_items: True is not an integer"),
        (2.0, "max_items: 2.0 is not an integer"),
        (2.5, "max_items: 2.5 is not an integer"),
    ],
)
def test_max_items_must_be_a_positive_integer(
    stubbed: Stubbed, max_items: Any, message: str
) -> None:
    with pytest.raises(ShapeValidationError) as caught:
        stubbed.sm.paginate_list_models(max_items=max_items)
    assert message in str(caught.value)
    assert stubbed.sent == []


def test_huge_settings_give_short_errors(stubbed: Stubbed) -> None:
    huge = "9" * 10_000_000
    for settings in ({"page_size": huge}, {"max_items": huge}, {"page_size": 5, "max_results": 9}):
        with pytest.raises(ShapeValidationError) as caught:
            stubbed.sm.paginate_list_models(**settings)
        assert len(str(caught.value)) < 300
    assert stubbed.sent == []


def test_max_items_is_not_a_constraint_to_turn_off(stubbed: Stubbed) -> None:
    with (
        botoshapes.constraint_checks(False),
        pytest.raises(ShapeValidationError, match="max_items: -1 is less than 1"),
    ):
        stubbed.sm.paginate_list_models(max_items=-1)
    assert stubbed.sent == []


def test_max_items_stops_inside_a_page(stubbed: Stubbed) -> None:
    stubbed.stubber.add_response("list_models", _models("a", "b", "c", NextToken="t1"), {})
    assert [m.model_name for m in stubbed.sm.paginate_list_models(max_items=2)] == ["a", "b"]
    assert len(stubbed.sent) == 1


@pytest.mark.parametrize("token", ["t1", "abc___1", "a___b___c", "eyJOZXh0VG9rZW4iOiAieCJ9"])
def test_next_token_is_sent_as_given(stubbed: Stubbed, token: str) -> None:
    # boto3's StartingToken would read "abc___1" as token "abc" plus one item to skip,
    # refuse "a___b___c", and decode the last one (base64 JSON) as its own resume token.
    stubbed.stubber.add_response("list_models", _models("a", "b"), {"NextToken": token})
    assert [m.model_name for m in stubbed.sm.paginate_list_models(next_token=token)] == ["a", "b"]


def test_a_paginator_without_a_limit_key_refuses_page_size(stubbed: Stubbed) -> None:
    # Every SageMaker paginator has one; the run time is shared by services that do not.
    spec = dataclasses.replace(_PAGINATORS["paginate_list_models"], limit_key=None)
    client = cast(ServiceClient, stubbed.sm)  # the stub does not declare the run-time base
    with pytest.raises(ShapeValidationError, match=r"page_size: 5 .*ListModels has no page size"):
        client._paginate(spec, None, {}, page_size=5, max_items=None)
    assert stubbed.sent == []
    stubbed.stubber.add_response("list_models", _models("a", "b"), {})
    paginated = client._paginate(spec, None, {}, page_size=None, max_items=1)
    assert [m.model_name for m in paginated] == ["a"]
