"""Shared fixtures: the pinned SageMaker model, read straight from shapes/."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from .moto_server import LocalSageMaker, serve

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "shapes"

settings.register_profile(
    "default",
    max_examples=15,
    deadline=None,
    # Pattern strings are generated without look-around and length bounds, then
    # filtered by both: some shapes reject many drafts, and that is expected.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def load_raw(service: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHAPES / service / "service-2.json").read_text())
    return data


SAGEMAKER = load_raw("sagemaker")


@pytest.fixture(scope="session")
def moto_server() -> Iterator[LocalSageMaker]:
    """One local SageMaker over HTTP for the whole session."""
    yield from serve()


@pytest.fixture
def local_sagemaker(moto_server: LocalSageMaker) -> LocalSageMaker:
    """The session's server, emptied before each test."""
    moto_server.reset()
    return moto_server
