"""The facade's cost over plain boto3: the same calls against the same local moto server."""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from botocore.config import Config

from botoshapes.sagemaker import ContainerDefinition, ProductionVariant, SageMakerClient

CONFIG = Config(retries={"total_max_attempts": 1})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def _server() -> Iterator[str]:
    """moto in its own process, so that it does not share the measured interpreter."""
    port = _free_port()
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _client(url: str) -> Any:
    session = boto3.session.Session(
        aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1"
    )
    return session.client("sagemaker", endpoint_url=url, config=CONFIG)


def overhead() -> list[tuple[str, float, float, float, float]]:
    """Per call: ``(label, boto3 wall, facade wall, boto3 client CPU, facade client CPU)``."""
    with _server() as url:
        sm = SageMakerClient(_client(url))
        plain = _client(url)
        sm.create_model(
            model_name="m",
            execution_role_arn="arn:aws:iam::123456789012:role/r",
            primary_container=ContainerDefinition(
                image="123456789012.dkr.ecr.us-east-1.amazonaws.com/m:1"
            ),
        )
        sm.create_endpoint_config(
            endpoint_config_name="c",
            production_variants=[
                ProductionVariant(
                    variant_name=v,
                    model_name="m",
                    instance_type="ml.m5.large",
                    initial_instance_count=1,
                    initial_variant_weight=0.5,
                )
                for v in ("blue", "green")
            ],
        )
        sm.create_endpoint(endpoint_name="prod", endpoint_config_name="c")
        jobs: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
            (
                "`describe_endpoint`",
                lambda: plain.describe_endpoint(EndpointName="prod"),
                lambda: sm.describe_endpoint(endpoint_name="prod"),
            ),
            (
                "`describe_endpoint_config`",
                lambda: plain.describe_endpoint_config(EndpointConfigName="c"),
                lambda: sm.describe_endpoint_config(endpoint_config_name="c"),
            ),
            (
                "`list_endpoints`, one page",
                lambda: plain.list_endpoints(MaxResults=10),
                lambda: sm.list_endpoints(max_results=10),
            ),
        ]
        return [(label, *_alternate(a, b)) for label, a, b in jobs]


def _batch(call: Callable[[], Any], calls: int) -> tuple[float, float]:
    """Wall and CPU seconds of this process per call, over ``calls`` calls."""
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        call()
    return (time.perf_counter() - wall) / calls, (time.process_time() - cpu) / calls


def _alternate(
    boto3_call: Callable[[], Any], facade_call: Callable[[], Any], rounds: int = 15, calls: int = 40
) -> tuple[float, float, float, float]:
    """Median wall and client-CPU seconds per call of each, in alternating batches.

    The server runs in another process, so this process's CPU time is what
    each client spends on a call: botocore's work, plus the facade's checks
    and parsing.
    """
    boto3_call(), facade_call()
    runs: dict[str, list[tuple[float, float]]] = {"boto3": [], "facade": []}
    for _ in range(rounds):
        runs["boto3"].append(_batch(boto3_call, calls))
        runs["facade"].append(_batch(facade_call, calls))
    (bw, bc), (fw, fc) = (
        (statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
        for r in runs.values()
    )
    return bw, fw, bc, fc
