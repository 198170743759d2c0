"""An embedded moto server: SageMaker on 127.0.0.1, gone when the demo ends."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def local_sagemaker() -> Iterator[str]:
    """Start moto in server mode on a free port; yield its URL."""
    from moto.server import ThreadedMotoServer  # noqa: PLC0415 - only the local run needs moto

    # moto accepts any credentials; these keep boto3 from looking for real ones.
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "demo")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "demo")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()
