"""Shared fixtures: the pinned SageMaker model, read straight from shapes/.

Hypothesis profiles (``HYPOTHESIS_PROFILE`` or ``--hypothesis-profile`` picks one):

- ``default``, what CI and the README's test command run: derandomized, so
  every run on every machine draws the same examples (each test's seed is a
  hash of its source and, for a parametrized test, its id). A red run is
  reproduced by running the same command again. No example database: with
  derandomize there is nothing to replay, and results must not depend on
  what earlier runs left in ``.hypothesis/``.
- ``fuzz``, what ``nox -s fuzz`` runs: many more examples and a random seed
  per run, printed in the header, passed as ``--hypothesis-seed`` so that
  ``nox -s fuzz -- --seed N`` replays a run. Tests run in an order shuffled
  by that seed, and are skipped once the session's time budget is spent.
  No database either: the seed names the run, and what a run finds is
  pinned in the suite as an ``@example``, not kept on one machine.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.moto_server import LocalSageMaker, serve
from tests.other_services import Services

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "shapes"

FUZZ_EXAMPLES = "BOTOSHAPES_FUZZ_EXAMPLES"
"""Environment variable: ``max_examples`` of the ``fuzz`` profile."""
FUZZ_UNTIL = "BOTOSHAPES_FUZZ_UNTIL"
"""Environment variable: the epoch second after which the ``fuzz`` session skips what is left."""
SEED_OPTION = "--hypothesis-seed"

settings.register_profile(
    "default",
    max_examples=15,
    derandomize=True,  # implies database=None
    deadline=None,
    # Pattern strings are generated without look-around and length bounds, then
    # filtered by both: some shapes reject many drafts, and that is expected.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
settings.register_profile(
    "fuzz",
    parent=settings.get_profile("default"),
    max_examples=int(os.environ.get(FUZZ_EXAMPLES, "500")),
    derandomize=False,
    database=None,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(ci: int) -> int:
    """``ci`` examples under the ``default`` profile, the profile's ``max_examples`` otherwise.

    For tests that run for every structure and only need a few examples each
    in CI, but as many as the ``fuzz`` profile gives when fuzzing.
    """
    if settings.get_current_profile_name() == "default":
        return ci
    return settings().max_examples


def _fuzzing() -> bool:
    return settings.get_current_profile_name() == "fuzz"


def pytest_report_header(config: pytest.Config) -> list[str]:
    current = settings()
    seed = config.getoption(SEED_OPTION)
    if current.derandomize:
        how = "derandomized (seeds are hashes of the tests: the same examples every run)"
        again = "run the same command again"
    elif seed is not None:
        how = f"seed {seed}"
        again = f"nox -s fuzz -- --seed {seed} --examples {current.max_examples} [test ids]"
    else:
        how = "a random seed per test (pass --hypothesis-seed=N to fix one)"
        again = "the failing test prints its seed"
    return [
        f"hypothesis: profile {settings.get_current_profile_name()!r}, {how}, "
        f"max_examples={current.max_examples}, database={current.database!r}",
        f"hypothesis: to reproduce a failure, {again}",
    ]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    seed = config.getoption(SEED_OPTION)
    if _fuzzing() and seed is not None:
        # A time-limited fuzz run then covers a different share of the
        # structures each time, not always the first ones alphabetically.
        random.Random(str(seed)).shuffle(items)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Give each parametrization of a hypothesis test the settings the test was defined with.

    hypothesis's pytest plugin (6.170) wraps the settings of a parametrized
    test in new settings for every parametrization, and keeps them on the
    function they all share: after N parametrizations they are N deep. With
    ``database=None`` (which ``derandomize`` implies) reading
    ``settings.database`` is not cached and walks all N: past ~950 of the
    1,633 structures each parametrization failed with a RecursionError inside
    hypothesis, and the walks made the run quadratic.
    """
    function = getattr(item, "obj", None)
    function = getattr(function, "__func__", function)
    defined = getattr(function, "_hypothesis_internal_use_settings", None)
    try:
        return (yield)
    finally:
        if defined is not None:
            function._hypothesis_internal_use_settings = defined  # type: ignore[union-attr]


def pytest_runtest_setup(item: pytest.Item) -> None:
    until = os.environ.get(FUZZ_UNTIL)
    if _fuzzing() and until is not None and time.time() > float(until):
        pytest.skip("the fuzz session's time budget is spent")


def load_raw(service: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHAPES / service / "service-2.json").read_text())
    return data


SAGEMAKER = load_raw("sagemaker")


@pytest.fixture(scope="session")
def services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    """``services("s3")``: a service's generated package (``botoshapes.s3``), made once."""
    return Services(tmp_path_factory.mktemp("services"))


@pytest.fixture(scope="session")
def moto_server() -> Iterator[LocalSageMaker]:
    """One local SageMaker over HTTP for the whole session."""
    yield from serve()


@pytest.fixture
def local_sagemaker(moto_server: LocalSageMaker) -> LocalSageMaker:
    """The session's server, emptied before each test."""
    moto_server.reset()
    return moto_server
