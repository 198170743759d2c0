"""Streaming members: a request body as boto3 takes it, a response body as botocore's stream.

A member the service model marks ``streaming`` (S3's ``PutObjectRequest.Body``,
``GetObjectOutput.Body``) is not read into memory by the model:

- in a request it takes what boto3 takes, ``bytes``, ``bytearray``, ``str``
  or a binary file object (anything with ``read``), kept as it is and handed
  to boto3 as it is;
- in a response it is botocore's ``StreamingBody`` (read it once, close it).

A model holding a stream compares and hashes the stream by identity, and
cannot be pickled or deep-copied while it holds an open file, as the file
cannot.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

STREAM_MARK = "botoshapes_stream"
"""Marks the core schema of a streaming member, for the views (:mod:`.core_schemas`)."""


class Readable(Protocol):
    """What a streaming body offers: botocore's ``StreamingBody``, an open binary file."""

    def read(self, amt: int | None = ..., /) -> bytes: ...


def request_body(value: Any) -> Any:
    """A request's streaming member: bytes, text or something to read, kept as it is."""
    if isinstance(value, bytes | bytearray | str) or callable(getattr(value, "read", None)):
        return value
    raise PydanticCustomError("stream_type", "is not bytes, text or a binary file object")


def _as_it_is(value: Any) -> Any:
    return value


class StreamingBlob:
    """The run-time type of a streaming member (the typing stub says what it holds)."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            request_body,
            serialization=core_schema.plain_serializer_function_ser_schema(_as_it_is),
            metadata={STREAM_MARK: True},
        )


def response_body(value: Any) -> Any:
    """A response's streaming member: whatever botocore hands over."""
    return value
