"""Streaming members, on S3's generated package: a body goes in as boto3 takes it (bytes, a
file object) and comes back as botocore's stream; over moto's HTTP server and the Stubber.

S3 is generated for the test (:mod:`tests.other_services`).
"""

from __future__ import annotations

import io
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.response import StreamingBody
from botocore.stub import Stubber

from botoshapes import ShapeValidationError

from .moto_server import LocalSageMaker
from .other_services import generated


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return generated("s3", tmp_path_factory.mktemp("s3"))


def _client(url: str | None = None) -> Any:
    return boto3.client(
        "s3",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(s3={"addressing_style": "path"}, retries={"total_max_attempts": 1}),
    )


def test_a_file_object_goes_out_as_it_is_and_a_stream_comes_back(
    s3: ModuleType, local_sagemaker: LocalSageMaker, tmp_path: Path
) -> None:
    client = s3.S3Client(_client(local_sagemaker.url))
    client.create_bucket(bucket="data")
    upload = tmp_path / "model.tar.gz"
    upload.write_bytes(b"\x1f\x8b" + bytes(range(256)) * 64)
    with upload.open("rb") as body:
        request = s3.PutObjectRequest(bucket="data", key="model.tar.gz", body=body)
        assert request.body is body  # kept, not read into the model
        client.put_object(request)
    got = client.get_object(bucket="data", key="model.tar.gz")
    assert isinstance(got.body, StreamingBody)
    assert got.body.read() == upload.read_bytes()
    assert got.content_length == upload.stat().st_size
    client.put_object(bucket="data", key="text", body="plain text")  # str, as boto3 takes
    assert client.get_object(bucket="data", key="text").body.read() == b"plain text"


def test_the_stubber_sees_the_body_it_was_given(s3: ModuleType) -> None:
    raw = _client()
    body = io.BytesIO(b"payload")
    with Stubber(raw) as stubber:
        stubber.add_response(
            "put_object", {"ETag": '"1"'}, {"Bucket": "data", "Key": "k", "Body": body}
        )
        out = s3.S3Client(raw).put_object(bucket="data", key="k", body=body)
        stubber.assert_no_pending_responses()
    assert out.e_tag == '"1"'


@pytest.mark.parametrize("body", [12345, ["a"], {"a": 1}], ids=["int", "list", "dict"])
def test_a_body_boto3_cannot_send_is_refused_by_name(s3: ModuleType, body: object) -> None:
    with pytest.raises(ShapeValidationError, match=r"Body: .* is not bytes, text or a binary file"):
        s3.PutObjectRequest.from_boto({"Bucket": "data", "Key": "k", "Body": body})
