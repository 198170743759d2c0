"""The local SageMaker (moto in server mode, extended) on 127.0.0.1: real HTTP from boto3."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config

from botoshapes.sagemaker import SageMakerClient
from botoshapes.sagemaker.local import local_sagemaker

REGION = "us-east-1"
# One attempt per call: a failure shows at once instead of being retried away.
NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})


@dataclass
class LocalSageMaker:
    url: str
    sent: list[str] = field(default_factory=list)
    """The operations sent over HTTP since the last reset, in order."""

    def client(self) -> SageMakerClient:
        session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
        )
        facade = SageMakerClient.create(session=session, endpoint_url=self.url, config=NO_RETRIES)
        facade.boto3.meta.events.register("before-send.sagemaker", self._record)
        return facade

    def _record(self, request: object, **_: object) -> None:
        headers = getattr(request, "headers", {})
        target = headers.get("X-Amz-Target", b"")
        self.sent.append((target.decode() if isinstance(target, bytes) else target).split(".")[-1])

    def reset(self) -> None:
        """Forget every resource (moto's reset API) and every recorded call."""
        urllib.request.urlopen(  # our own server, on 127.0.0.1
            urllib.request.Request(f"{self.url}/moto-api/reset", method="POST"), timeout=10
        ).close()
        self.sent.clear()


def serve(**settings: Any) -> Iterator[LocalSageMaker]:
    """Start a server on a free port; stop it when the generator is closed.

    Provisioning takes no time unless ``settings`` say otherwise: a new endpoint
    is in service when it is next described, as in moto.
    """
    with local_sagemaker(**{"provisioning_seconds": 0, **settings}) as url:
        yield LocalSageMaker(url)
