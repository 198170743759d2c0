"""moto in server mode on 127.0.0.1: real HTTP between boto3 and a local SageMaker."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import boto3
from botocore.config import Config

from botoshapes.sagemaker import SageMakerClient
from demo.local import local_sagemaker

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


def serve() -> Iterator[LocalSageMaker]:
    """Start a server on a free port (the demo's); stop it when the generator is closed."""
    with local_sagemaker() as url:
        yield LocalSageMaker(url)
