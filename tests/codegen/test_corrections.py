"""Corrections of pinned models (``codegen/services/corrections.py``): each still applies to
the model botocore ships, each lets through what AWS documents and the pinned constraint
refused, and a correction the model no longer needs is reported, not applied."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from botoshapes import ShapeValidationError
from codegen.load import correct, load_service
from codegen.naming import package_name
from codegen.pin import pin_service
from codegen.services import Correction, registered
from tests.other_services import Services

CORRECTED = [c for c in registered() if c.corrections]


def _service_name(package: str) -> str:
    names = {"bedrock_agent": "bedrock-agent", "redshift_serverless": "redshift-serverless"}
    return names.get(package, package)


def test_service_names_are_the_packages() -> None:
    assert all(package_name(_service_name(c.package)) == c.package for c in CORRECTED)


@pytest.mark.parametrize("custom", CORRECTED, ids=[c.package for c in CORRECTED])
def test_each_correction_applies_to_the_pinned_model(custom: Any, tmp_path: Path) -> None:
    service = _service_name(custom.package)
    pin_service(service, tmp_path)
    _, diagnostics = load_service(tmp_path / service)
    assert [str(d) for d in diagnostics if "correction" in str(d)] == []
    for fix in custom.corrections:
        assert fix.why
        assert fix.evidence


def test_a_correction_the_model_no_longer_needs_is_reported() -> None:
    model: dict[str, Any] = {"shapes": {"Arn": {"type": "string", "pattern": "arn:.*"}}}
    fix = Correction(("shapes", "Arn", "pattern"), "arn:/d", "arn:\\d", "a typo", "AWS")
    (problem,) = correct(model, (fix,))
    assert "correction not applied: the model holds 'arn:.*', not 'arn:/d'" in str(problem)
    assert model["shapes"]["Arn"]["pattern"] == "arn:.*"
    added = Correction(("shapes", "Arn", "min"), None, 1, "a bound", "AWS")
    assert correct(model, (added,)) == []
    assert model["shapes"]["Arn"]["min"] == 1


def _stubbed(service: str) -> tuple[Any, Stubber]:
    make: Any = boto3.client
    client = make(
        service,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    return client, Stubber(client)


def test_batch_actions_ignore_case(services: Services) -> None:
    batch = services("batch")
    taken = batch.EvaluateOnExit.from_boto({"action": "Exit", "onExitCode": "1"})
    assert taken.action is batch.RetryAction.EXIT
    assert batch.EvaluateOnExit(action="retry").action is batch.RetryAction.RETRY
    with pytest.raises(ShapeValidationError, match="'Quit' is not a value of RetryAction"):
        batch.EvaluateOnExit.from_boto({"action": "Quit"})
    # a response keeps what the service sent
    read = batch.EvaluateOnExit.from_response({"action": "Exit"})
    assert read.to_boto() == {"action": "Exit"}


def test_sqs_receive_message_takes_the_attribute_names_it_documents(services: Services) -> None:
    sqs = services("sqs")
    names = ["SenderId", "MessageGroupId", "ApproximateReceiveCount", "All"]
    request = sqs.ReceiveMessageRequest.from_boto({"QueueUrl": "u", "AttributeNames": names})
    client, stubber = _stubbed("sqs")
    with stubber:
        stubber.add_response("receive_message", {}, {"QueueUrl": "u", "AttributeNames": names})
        sqs.SQSClient(client).receive_message(request)
    with pytest.raises(ShapeValidationError, match="AttributeNames\\[0\\]"):
        sqs.ReceiveMessageRequest.from_boto({"QueueUrl": "u", "AttributeNames": ["Sender"]})
    # GetQueueAttributes keeps the queue's own names
    with pytest.raises(ShapeValidationError, match="AttributeNames\\[0\\]"):
        sqs.GetQueueAttributesRequest.from_boto({"QueueUrl": "u", "AttributeNames": ["SenderId"]})


def test_s3control_takes_a_general_purpose_bucket_arn(services: Services) -> None:
    s3control = services("s3control")
    arn = "arn:aws:s3:::amzn-s3-demo-bucket"
    request = s3control.ListTagsForResourceRequest(account_id="123456789012", resource_arn=arn)
    assert request.resource_arn == arn
    with pytest.raises(ShapeValidationError, match="ResourceArn"):
        s3control.ListTagsForResourceRequest(account_id="123456789012", resource_arn="bucket")


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:bedrock:us-east-1:123456789012:agent/ABCDEFGHIJ",
        "arn:aws:bedrock:us-east-1:123456789012:agent-alias/ABCDEFGHIJ/KLMNOPQRST",
        "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/ABCDEFGHIJ",
        "arn:aws:bedrock:us-east-1:123456789012:flow/ABCDEFGHIJ/alias/KLMNOPQRST",
        "arn:aws:bedrock:us-east-1:123456789012:prompt/ABCDEFGHIJ:3",
    ],
)
def test_bedrock_agent_tags_take_real_arns(services: Services, arn: str) -> None:
    agent = services("bedrock-agent")
    assert agent.TagResourceRequest(resource_arn=arn, tags={"team": "ml"}).resource_arn == arn


def test_bedrock_agent_tags_still_check_the_arn(services: Services) -> None:
    agent = services("bedrock-agent")
    with pytest.raises(ShapeValidationError, match="resourceArn"):
        agent.TagResourceRequest(
            resource_arn="arn:aws:bedrock:us-east-1:/dddddddddddd:agent/ABCDEFGHIJ", tags={}
        )


def test_connect_takes_e164_phone_numbers_and_theme_text(services: Services) -> None:
    connect = services("connect")
    target = "arn:aws:connect:us-east-1:123456789012:instance/x"
    claim = connect.ClaimPhoneNumberRequest(phone_number="+12065550100", target_arn=target)
    client, stubber = _stubbed("connect")
    with stubber:
        stubber.add_response(
            "claim_phone_number", {}, {"PhoneNumber": "+12065550100", "TargetArn": target}
        )
        connect.ConnectClient(client).claim_phone_number(claim)
    with pytest.raises(ShapeValidationError, match="PhoneNumber"):
        connect.ClaimPhoneNumberRequest(phone_number="12065550100", target_arn=target)


def test_glue_takes_a_pretty_printed_schema(services: Services) -> None:
    glue = services("glue")
    schema = '{\n  "type": "record",\n  "name": "Event",\n  "fields": []\n}\n'
    request = glue.CreateSchemaInput(schema_name="s", data_format="AVRO", schema_definition=schema)
    assert request.schema_definition == schema
    with pytest.raises(ShapeValidationError, match="SchemaDefinition"):
        glue.CreateSchemaInput(schema_name="s", data_format="AVRO", schema_definition=" \n ")
