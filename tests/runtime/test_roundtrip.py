"""``Model.from_boto(d).to_boto() == d`` for valid boto3 dicts of every structure."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import botoshapes.sagemaker as sm
from tests.boto_dicts import BotoDicts
from tests.conftest import SAGEMAKER

pytestmark = pytest.mark.slow  # a sweep over whole services

DICTS = BotoDicts(SAGEMAKER)
STRUCTURES = sorted(n for n, s in SAGEMAKER["shapes"].items() if s["type"] == "structure")


def _plain(value: Any) -> None:
    """to_boto() gives only plain containers and plain str values."""
    if isinstance(value, dict):
        assert type(value) is dict
        for key, item in value.items():
            assert type(key) is str
            _plain(item)
    elif isinstance(value, list):
        assert type(value) is list
        for item in value:
            _plain(item)
    elif isinstance(value, str):
        assert type(value) is str


@pytest.mark.parametrize("name", STRUCTURES)
@given(data=st.data())
def test_round_trip(name: str, data: st.DataObject) -> None:
    wire = data.draw(DICTS.value(name), label=name)
    model = getattr(sm, name).from_boto(wire)
    out = model.to_boto()
    assert out == wire
    _plain(out)
