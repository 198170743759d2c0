"""Streaming members, on S3's generated package: a body goes in as boto3 takes it (bytes, a
file object) and comes back as botocore's stream; over moto's HTTP server and the Stubber.
Event streams, on Bedrock Runtime's: botocore's stream of encoded events, read as typed
events.

S3 is generated for the test (:mod:`tests.other_services`).
"""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.eventstream import EventStream
from botocore.parsers import EventStreamJSONParser
from botocore.response import StreamingBody
from botocore.stub import Stubber

from botoshapes import ShapeValidationError
from tests.moto_server import LocalSageMaker
from tests.other_services import Services


@pytest.fixture(scope="module")
def s3(services: Services) -> ModuleType:
    return services("s3")


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


def _event(kind: str, payload: dict[str, Any]) -> bytes:
    """One message of AWS's event-stream encoding (what Bedrock sends for ConverseStream)."""
    headers = b""
    for name, value in [(":message-type", "event"), (":event-type", kind)]:
        encoded = value.encode()
        headers += bytes([len(name)]) + name.encode() + b"\x07"
        headers += len(encoded).to_bytes(2, "big") + encoded
    body = json.dumps(payload).encode()
    prelude = (12 + len(headers) + len(body) + 4).to_bytes(4, "big")
    prelude += len(headers).to_bytes(4, "big")
    message = prelude + zlib.crc32(prelude).to_bytes(4, "big") + headers + body
    return message + zlib.crc32(message).to_bytes(4, "big")


class _Chunks:
    """The raw HTTP body botocore reads an event stream from."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def stream(self) -> Iterator[bytes]:
        yield from (self.data[i : i + 7] for i in range(0, len(self.data), 7))

    def close(self) -> None:
        pass


def test_an_event_stream_yields_typed_events(services: Services) -> None:
    bedrock = services("bedrock-runtime")
    raw = boto3.client(
        "bedrock-runtime", region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t"
    )
    operation = raw.meta.service_model.operation_model("ConverseStream")
    shape = operation.output_shape.members["stream"]
    data = b"".join(
        [
            _event("messageStart", {"role": "assistant"}),
            _event("contentBlockDelta", {"delta": {"text": "Hel"}, "contentBlockIndex": 0}),
            _event("contentBlockDelta", {"delta": {"text": "lo"}, "contentBlockIndex": 0}),
            _event("messageStop", {"stopReason": "end_turn"}),
        ]
    )
    stream: EventStream[Any] = EventStream(
        _Chunks(data), shape, EventStreamJSONParser(), "ConverseStream"
    )
    response = bedrock.ConverseStreamResponse.from_response({"stream": stream})
    events = list(response.stream)
    assert [type(e).__name__ for e in events] == ["ConverseStreamOutput"] * 4
    assert events[0].message_start.role == "assistant"
    assert "".join(e.content_block_delta.delta.text for e in events[1:3]) == "Hello"
    assert events[3].message_stop.stop_reason == bedrock.StopReason.END_TURN
    assert response.to_boto() == {"stream": stream}  # botocore's stream, as it came


# -- blob payloads botocore streams though the model does not mark them (issue 21) -----------


@pytest.fixture(scope="module")
def lambda_(services: Services) -> ModuleType:
    return services("lambda")


@pytest.fixture(scope="module")
def runtime(services: Services) -> ModuleType:
    return services("sagemaker-runtime")


def _body(data: bytes) -> StreamingBody:
    return StreamingBody(io.BytesIO(data), len(data))


@pytest.mark.slow
def test_lambda_s_payload_goes_out_as_boto3_takes_it_and_comes_back_as_its_stream(
    lambda_: ModuleType,
) -> None:
    raw = boto3.client(
        "lambda", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    facade = lambda_.LambdaClient(raw)
    with Stubber(raw) as stub:
        for sent in ('{"n": 1}', b'{"n": 1}'):  # text, as boto3 takes it, and bytes
            stub.add_response(
                "invoke",
                {"StatusCode": 200, "Payload": _body(b'{"ok": true}')},
                {"FunctionName": "f", "Payload": sent},
            )
            out = facade.invoke(function_name="f", payload=sent)
            # botocore hands the payload over as a StreamingBody: kept as the stream it is
            assert isinstance(out.payload, StreamingBody)
            assert out.payload.read() == b'{"ok": true}'
            assert not out.shape_misfits
        stub.assert_no_pending_responses()


@pytest.mark.slow
def test_invoke_endpoint_s_body_is_a_stream_both_ways(runtime: ModuleType) -> None:
    stream = _body(b"0.93")
    out = runtime.InvokeEndpointOutput.from_response(
        {"Body": stream, "ContentType": "text/csv", "InvokedProductionVariant": "blue"}
    )
    assert out.body is stream
    assert out.to_boto()["Body"] is stream
    with open(__file__, "rb") as payload:  # a file object goes out as it is, not read
        request = runtime.InvokeEndpointInput(endpoint_name="prod", body=payload)
        assert request.body is payload
    text = runtime.InvokeEndpointInput.from_boto({"EndpointName": "prod", "Body": "1,2,3"})
    assert text.to_boto() == {"EndpointName": "prod", "Body": "1,2,3"}
