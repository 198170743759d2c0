"""Each row of the handler table (``codegen/handlers.py``, ``docs/boto3-handlers.md``):
what a botocore or boto3 handler takes or gives, taken or read by the generated models.

Calls go through botocore's Stubber on real clients: it compares the parameters boto3 is
given, then botocore's own handlers and validation run on them as they would before
sending, so a form botoshapes keeps that boto3 could not send fails here.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from botoshapes import FrozenMap, ShapeValidationError
from codegen import handlers
from tests.moto_server import LocalSageMaker
from tests.other_services import Services


def _client(service: str) -> Any:
    make: Any = boto3.client  # any service's, by name
    return make(
        service,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def stubbed() -> Iterator[Any]:
    """``stubbed(service)``: a real client and its Stubber, checked empty at the end."""
    made: list[Stubber] = []

    def make(service: str) -> tuple[Any, Stubber]:
        client = _client(service)
        stubber = Stubber(client)
        stubber.activate()
        made.append(stubber)
        return client, stubber

    yield make
    for stubber in made:
        stubber.assert_no_pending_responses()
        stubber.deactivate()


def _paths(call: Any) -> list[str]:
    with pytest.raises(ShapeValidationError) as caught:
        call()
    return [e.path for e in caught.value.errors]


# -- requests --------------------------------------------------------------------------------


def test_idempotency_tokens_may_be_left_out(services: Services, stubbed: Any) -> None:
    autoscaling = services("autoscaling")
    request = autoscaling.LaunchInstancesRequest(auto_scaling_group_name="g", requested_capacity=1)
    raw, stubber = stubbed("autoscaling")
    # botocore fills ClientToken after the Stubber has compared the parameters
    stubber.add_response(
        "launch_instances", {}, {"AutoScalingGroupName": "g", "RequestedCapacity": 1}
    )
    autoscaling.AutoScalingClient(raw).launch_instances(request)


def test_optional_members_a_handler_fills_stay_optional(services: Services, stubbed: Any) -> None:
    s3 = services("s3")
    raw, stubber = stubbed("s3")
    stubber.add_response("list_objects_v2", {"KeyCount": 0}, {"Bucket": "b"})
    stubber.add_response("get_object", {}, {"Bucket": "b", "Key": "k"})
    client = s3.S3Client(raw)
    assert client.list_objects_v2(bucket="b").key_count == 0
    client.get_object(bucket="b", key="k")
    assert s3.GetObjectRequest(bucket="b", key="k", checksum_mode="ENABLED").to_boto() == {
        "Bucket": "b",
        "Key": "k",
        "ChecksumMode": "ENABLED",
    }


def test_aliases_are_taken_in_wire_dicts(services: Services, stubbed: Any) -> None:
    logs = services("logs")
    given = {"logGroupName": "g", "fromTime": 1, "to": 2, "destination": "bucket"}
    request = logs.CreateExportTaskRequest.from_boto(given)
    assert request.from_ == 1
    sent = {"logGroupName": "g", "from": 1, "to": 2, "destination": "bucket"}
    assert request.to_boto() == sent  # boto3 takes either name; the model's is written
    raw, stubber = stubbed("logs")
    stubber.add_response("create_export_task", {"taskId": "t"}, sent)
    assert logs.CloudWatchLogsClient(raw).create_export_task(request).task_id == "t"
    with pytest.raises(ShapeValidationError, match="names from twice: as from and as fromTime"):
        logs.CreateExportTaskRequest.from_boto(given | {"from": 1})
    assert _paths(lambda: logs.CreateExportTaskRequest.from_boto(given | {"fromTime": "1"})) == [
        "from"
    ]
    search = services("cloudsearchdomain")
    found = search.SearchRequest.from_boto({"query": "q", "returnFields": "title"})
    assert found.return_ == "title"


def test_streaming_bodies_take_what_boto3_takes(services: Services) -> None:
    s3 = services("s3")
    body = io.BytesIO(b"x")
    for given in ("text", b"bytes", bytearray(b"b"), body):
        assert s3.PutObjectRequest(bucket="b", key="k", body=given).body is given


def test_copy_source_takes_the_map_boto3_documents(services: Services, stubbed: Any) -> None:
    s3 = services("s3")
    source = {"Bucket": "src", "Key": "a b/c.txt", "VersionId": "v1"}
    request = s3.CopyObjectRequest.from_boto({"Bucket": "b", "Key": "k", "CopySource": source})
    assert request.copy_source == FrozenMap(source)
    assert request.to_boto() == {"Bucket": "b", "Key": "k", "CopySource": source}
    assert type(request.to_boto()["CopySource"]) is dict
    raw, stubber = stubbed("s3")
    stubber.add_response("copy_object", {}, {"Bucket": "b", "Key": "k", "CopySource": source})
    s3.S3Client(raw).copy_object(request)
    text = s3.CopyObjectRequest(bucket="b", key="k", copy_source="src/a.txt?versionId=v1")
    assert text.copy_source == "src/a.txt?versionId=v1"
    for wrong in (
        {"Bucket": "src"},
        {"Bucket": "src", "Key": "k", "Versionid": "v1"},  # botocore would drop it
        {"Bucket": 1, "Key": "k"},
        {"Bucket": "src", "Key": "k", "VersionId": 1},
    ):
        assert _paths(
            lambda wrong=wrong: s3.CopyObjectRequest(bucket="b", key="k", copy_source=wrong)
        ) == ["CopySource"]
    # checked as sent: "src/" does not match the model's pattern \/?.+\/.+
    assert _paths(
        lambda: s3.CopyObjectRequest(bucket="b", key="k", copy_source={"Bucket": "s", "Key": ""})
    ) == ["CopySource"]


def test_customer_keys_take_bytes(services: Services, stubbed: Any) -> None:
    s3 = services("s3")
    key = bytes(range(32))
    request = s3.GetObjectRequest(bucket="b", key="k", sse_customer_key=key)
    assert request.sse_customer_key == key
    assert "<sensitive>" in repr(request)
    assert "\\x00" not in repr(request)
    assert s3.GetObjectRequest(bucket="b", key="k", sse_customer_key=bytearray(key)) == request
    raw, stubber = stubbed("s3")
    stubber.add_response("get_object", {}, {"Bucket": "b", "Key": "k", "SSECustomerKey": key})
    s3.S3Client(raw).get_object(request)  # botocore base64-encodes it and adds the MD5
    copy = s3.CopyObjectRequest(
        bucket="b", key="k", copy_source="s/k", copy_source_sse_customer_key=key
    )
    assert copy.to_boto()["CopySourceSSECustomerKey"] == key


def test_user_data_takes_text_or_bytes(services: Services, stubbed: Any) -> None:
    autoscaling = services("autoscaling")
    make = autoscaling.CreateLaunchConfigurationType
    script = "#!/bin/sh\necho hi\n"
    for given in (script, script.encode()):
        request = make(launch_configuration_name="lc", user_data=given)
        assert request.user_data == given
        raw, stubber = stubbed("autoscaling")
        stubber.add_response(
            "create_launch_configuration",
            {},
            {"LaunchConfigurationName": "lc", "UserData": given},
        )
        autoscaling.AutoScalingClient(raw).create_launch_configuration(request)
    # the model's 21,847 characters bound what is sent: the base64 text, 4/3 as long
    fits = "x" * 16_383
    assert make(launch_configuration_name="lc", user_data=fits).user_data == fits
    assert _paths(lambda: make(launch_configuration_name="lc", user_data=fits + "xxx")) == [
        "UserData"
    ]


def test_route53_ids_take_the_form_responses_give(services: Services, stubbed: Any) -> None:
    route53 = services("route53")
    zone = "/hostedzone/Z0123456789ABCDEFGHIJ"  # as GetHostedZone's HostedZone.Id gives it
    request = route53.ListResourceRecordSetsRequest(hosted_zone_id=zone)
    assert request.to_boto() == {"HostedZoneId": zone}
    raw, stubber = stubbed("route53")
    stubber.add_response(
        "list_resource_record_sets",
        {"ResourceRecordSets": [], "IsTruncated": False, "MaxItems": "100"},
        {"HostedZoneId": zone},
    )
    route53.Route53Client(raw).list_resource_record_sets(request)
    assert route53.GetChangeRequest(id="/change/C2682N5HXP0BZ4").id == "/change/C2682N5HXP0BZ4"
    # what is sent, the part after the last "/", is still checked (at most 32 characters)
    assert _paths(lambda: route53.GetHostedZoneRequest(id="/hostedzone/" + "Z" * 33)) == ["Id"]
    assert _paths(lambda: route53.GetHostedZoneRequest(id="Z" * 33)) == ["Id"]


def test_glacier_account_id_may_be_left_out(services: Services, stubbed: Any) -> None:
    glacier = services("glacier")
    request = glacier.ListVaultsInput()
    assert request.to_boto() == {}
    raw, stubber = stubbed("glacier")
    stubber.add_response("list_vaults", {"VaultList": []}, {})
    assert glacier.GlacierClient(raw).list_vaults(request).vault_list == ()
    assert glacier.ListVaultsInput(account_id="123456789012").account_id == "123456789012"


def test_s3control_account_id_stays_required(services: Services) -> None:
    s3control = services("s3control")
    arn = "arn:aws:s3-outposts:us-west-2:123456789012:outpost/op-01ac5d28a6a232904/bucket/b"
    assert _paths(lambda: s3control.GetBucketRequest.from_boto({"Bucket": arn})) == ["AccountId"]
    request = s3control.GetBucketRequest(account_id="123456789012", bucket=arn)
    assert request.to_boto() == {"AccountId": "123456789012", "Bucket": arn}


def test_wire_only_handlers_leave_the_models_alone() -> None:
    """Handlers that act after validation, on the serialized request or on errors, are
    marked with nothing: no form, no alias, nothing filled."""
    wire_only = [h for h in handlers.HANDLERS if h.test.endswith(_this_test_name())]
    assert len(wire_only) >= 6
    for row in wire_only:
        assert (row.select, row.form, row.alias, row.filled) == ((), None, None, False)
        assert row.event.startswith(("before-call", "before-parse", "after-call")), row.event


def _this_test_name() -> str:
    return "test_wire_only_handlers_leave_the_models_alone"


# -- responses -------------------------------------------------------------------------------


def test_s3_expires_string_is_read(services: Services, stubbed: Any) -> None:
    s3 = services("s3")
    when = datetime(2026, 1, 2, tzinfo=UTC)
    parsed = {"Expires": when, "ExpiresString": "Fri, 02 Jan 2026 00:00:00 GMT"}
    out = s3.GetObjectOutput.from_response(parsed)
    assert out.expires == when
    assert out.model_extra == {"ExpiresString": "Fri, 02 Jan 2026 00:00:00 GMT"}
    assert out.to_boto() == parsed
    assert s3.GetObjectOutput.from_response({"ExpiresString": "soon"}).expires is None


def _role(document: Any) -> dict[str, Any]:
    return {
        "Path": "/",
        "RoleName": "r",
        "RoleId": "AROA0123456789EXAMPLE",
        "Arn": "arn:aws:iam::123456789012:role/r",
        "CreateDate": datetime(2026, 1, 2, tzinfo=UTC),
        "AssumeRolePolicyDocument": document,
    }


POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "sagemaker.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def test_iam_policy_documents_are_read_as_boto3_gives_them(
    services: Services, stubbed: Any
) -> None:
    iam = services("iam")
    raw, stubber = stubbed("iam")
    # the wire's URL-encoded JSON, which botocore's json_decode_policies decodes
    stubber.add_response("get_role", {"Role": _role("%7B%22Version%22%3A%222012-10-17%22%7D")})
    role = iam.IAMClient(raw).get_role(role_name="r").role
    assert role.assume_role_policy_document == FrozenMap({"Version": "2012-10-17"})
    assert role.shape_misfits == {}
    got = iam.GetRoleResponse.from_response({"Role": _role(POLICY)})
    document = got.role.assume_role_policy_document
    assert isinstance(document, FrozenMap)
    assert document["Statement"][0]["Principal"] == FrozenMap(
        {"Service": "sagemaker.amazonaws.com"}
    )
    assert got.to_boto() == {"Role": _role(POLICY)}
    assert type(got.to_boto()["Role"]["AssumeRolePolicyDocument"]["Statement"]) is list
    text = iam.GetRoleResponse.from_response({"Role": _role("not JSON")})  # kept as text
    assert text.role.assume_role_policy_document == "not JSON"
    version = iam.GetPolicyVersionResponse.from_response(
        {"PolicyVersion": {"Document": POLICY, "VersionId": "v1", "IsDefaultVersion": True}}
    )
    assert version.policy_version.document["Version"] == "2012-10-17"
    # a request still sends text, as IAM takes it
    assert _paths(
        lambda: iam.CreateRoleRequest(role_name="r", assume_role_policy_document=POLICY)
    ) == ["AssumeRolePolicyDocument"]


def test_cloudformation_templates_are_read_as_boto3_gives_them(
    services: Services, stubbed: Any
) -> None:
    cloudformation = services("cloudformation")
    raw, stubber = stubbed("cloudformation")
    stubber.add_response("get_template", {"TemplateBody": '{"Resources": {"Q": {}}}'})
    stubber.add_response("get_template", {"TemplateBody": "Resources:\n  Q: {}\n"})
    client = cloudformation.CloudFormationClient(raw)
    assert client.get_template().template_body == FrozenMap({"Resources": {"Q": {}}})
    assert client.get_template().template_body == "Resources:\n  Q: {}\n"  # YAML: text


def test_bucket_location_is_read(services: Services) -> None:
    s3 = services("s3")
    assert s3.GetBucketLocationOutput.from_response({"LocationConstraint": None}).to_boto() == {
        "LocationConstraint": None
    }
    later = s3.GetBucketLocationOutput.from_response({"LocationConstraint": "xx-new-9"})
    assert later.location_constraint is not None
    assert not later.location_constraint.is_known


def test_sqs_errors_are_typed_by_their_query_code(
    services: Services, local_sagemaker: LocalSageMaker
) -> None:
    """Over moto's HTTP server: SQS answers in JSON with its Query code in a header."""
    sqs = services("sqs")
    raw = boto3.client(
        "sqs",
        region_name="us-east-1",
        endpoint_url=local_sagemaker.url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    errors = importlib.import_module("botoshapes.sqs.errors")
    with pytest.raises(errors.QueueDoesNotExist) as caught:
        sqs.SQSClient(raw).get_queue_url(queue_name="missing")
    assert caught.value.code == "AWS.SimpleQueueService.NonExistentQueue"


def test_a_dynamodb_resource_client_gives_misfits(services: Services) -> None:
    dynamodb = services("dynamodb")
    resource = boto3.resource(
        "dynamodb",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    raw = resource.meta.client
    with Stubber(raw) as stubber:
        stubber.add_response(
            "get_item",
            {"Item": {"id": {"S": "1"}, "n": {"N": "2"}}},
            {"TableName": "t", "Key": ANY},
        )
        request = dynamodb.GetItemInput.from_boto({"TableName": "t", "Key": {"id": {"S": "1"}}})
        out = dynamodb.DynamoDBClient(raw).get_item(request)
    # boto3's resource client handed over Python values, which are no AttributeValue maps
    assert out.shape_misfits
    assert out.to_boto()["Item"] == {"id": "1", "n": 2}


# -- not a handler: botocore's serializer takes text for a blob ---------------------------------


BLOBS = [  # service, client, operation, request class, blob member, params, response
    (
        "kinesis",
        "KinesisClient",
        "put_record",
        "PutRecordInput",
        "Data",
        {"StreamName": "s", "Data": "1", "PartitionKey": "p"},
        {"ShardId": "shardId-000000000000", "SequenceNumber": "1"},
    ),
    (
        "kms",
        "KMSClient",
        "encrypt",
        "EncryptRequest",
        "Plaintext",
        {"KeyId": "alias/k", "Plaintext": "secret"},
        {},
    ),
    (
        "secretsmanager",
        "SecretsManagerClient",
        "put_secret_value",
        "PutSecretValueRequest",
        "SecretBinary",
        {"SecretId": "s", "SecretBinary": "\u00e9t\u00e9"},
        {},
    ),
]


@pytest.mark.parametrize("case", BLOBS, ids=[c[0] for c in BLOBS])
def test_a_blob_takes_text_as_botocore_sends_it(
    services: Services, stubbed: Any, case: tuple[Any, ...]
) -> None:
    service, client, operation, request_class, blob, params, response = case
    package = services(service)
    request = getattr(package, request_class).from_boto(params)
    sent = params[blob].encode()  # its UTF-8, as botocore sends it
    assert request.to_boto() == {**params, blob: sent}
    raw, stubber = stubbed(service)
    stubber.add_response(operation, response, {**params, blob: sent})
    getattr(getattr(package, client)(raw), operation)(request)


def test_a_timestamp_takes_the_text_botocore_reads(services: Services, stubbed: Any) -> None:
    """autoscaling's ``StartTime="2022-07-01T00:00:0Z"``: one digit of seconds, which Python's
    ISO parser refuses and botocore's serializer (dateutil) reads."""
    autoscaling = services("autoscaling")
    given = {
        "AutoScalingGroupName": "g",
        "ScheduledActionName": "a",
        "StartTime": "2022-07-01T00:00:0Z",
    }
    request = autoscaling.PutScheduledUpdateGroupActionType.from_boto(given)
    assert request.start_time == datetime(2022, 7, 1, tzinfo=UTC)
    raw, stubber = stubbed("autoscaling")
    stubber.add_response(
        "put_scheduled_update_group_action", {}, given | {"StartTime": request.start_time}
    )
    autoscaling.AutoScalingClient(raw).put_scheduled_update_group_action(request)
    with pytest.raises(ShapeValidationError, match=r"StartTime: .*missing part from today's date"):
        autoscaling.PutScheduledUpdateGroupActionType.from_boto(given | {"StartTime": "2022-07"})
