"""Streaming members: a request body as boto3 takes it, a response body as botocore's stream.

A member the service model marks ``streaming`` (S3's ``PutObjectRequest.Body``,
``GetObjectOutput.Body``) is not read into memory by the model:

- in a request it takes what boto3 takes, ``bytes``, ``bytearray``, ``str``
  or a binary file object (anything with ``read``), kept as it is and handed
  to boto3 as it is;
- in a response it is botocore's ``StreamingBody`` (read it once, close it).

A member that is an event stream (Bedrock Runtime's ``ConverseStream``) is
an :class:`EventStream` of its event structure in a response, and any
iterable of events in a request.

A model holding a stream compares and hashes the stream by identity, and
cannot be pickled or deep-copied while it holds an open file, as the file
cannot.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, Protocol, TypeVar

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


def _stream_schema(validate: Callable[[Any], Any]) -> core_schema.CoreSchema:
    """A streaming member: ``validate`` checks a request's, the mark lets a response's be
    anything (:mod:`.core_schemas`), and the value is written back as it is."""
    return core_schema.no_info_plain_validator_function(
        validate,
        serialization=core_schema.plain_serializer_function_ser_schema(response_body),
        metadata={STREAM_MARK: True},
    )


class StreamingBlob:
    """The run-time type of a streaming member (the typing stub says what it holds)."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _stream_schema(request_body)


def response_body(value: Any) -> Any:
    """A response's streaming member: whatever botocore hands over (and what is written
    back)."""
    return value


EventT = TypeVar("EventT")


class EventStream(Generic[EventT]):
    """A response's event stream (Bedrock's ``ConverseStream``, S3's ``SelectObjectContent``):
    iterating gives each event as the typed event structure (one member set: the event
    that came), read from botocore's stream as it arrives. Iterate once; :meth:`close`
    ends it early. ``raw`` is botocore's stream."""

    __slots__ = ("_events", "raw")

    def __init__(self, raw: Any, events: Callable[[], Any]) -> None:
        self.raw = raw
        self._events = events

    def __iter__(self) -> Iterator[EventT]:
        model = self._events()
        for event in self.raw:
            yield model.from_response(event)

    def close(self) -> None:
        close = getattr(self.raw, "close", None)
        if callable(close):
            close()

    def __repr__(self) -> str:
        return f"EventStream({self.raw!r})"


class EventStreamBody:
    """The run-time type of an event-stream member: any iterable going in (kept as it is);
    coming back, botocore's stream wrapped in an :class:`EventStream` (``core_schemas``)."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _stream_schema(request_events)


def request_events(value: Any) -> Any:
    """A request's event stream (audio chunks to transcribe): an iterable of events, or one
    event as a mapping (what botocore's validator takes), kept as it is."""
    if isinstance(value, str | bytes | bytearray) or not isinstance(value, Iterable):
        raise PydanticCustomError("stream_type", "is not an iterable of events")
    return value


def events_of(owner: type[Any], event_class: str) -> Callable[[Any], EventStream[Any]]:
    """A response's validator of an event-stream member of ``owner``: botocore's stream,
    wrapped so that it yields ``event_class`` models (looked up when iteration starts)."""
    package = owner.__module__.rsplit("._models", 1)[0]

    def events() -> Any:
        return getattr(importlib.import_module(package), event_class)

    def wrap(value: Any) -> EventStream[Any]:
        return value if isinstance(value, EventStream) else EventStream(value, events)

    return wrap


def wire_value(value: Any) -> Any:
    """What ``to_boto()`` writes for a streaming member: the stream as it came or was given."""
    return value.raw if isinstance(value, EventStream) else value
