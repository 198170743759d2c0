"""No sensitive value reaches an error: its text, its attributes or its exception chain.

SageMaker marks six members sensitive (``OidcConfig.ClientSecret`` and five
``ModelCardContent`` members); each case below failed before the fix.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import botoshapes.sagemaker as sm
from botoshapes._runtime import ShapeValidationError
from tests.conftest import SAGEMAKER

SECRET = "hunter2-do-not-print"
SENSITIVE_MEMBERS = sorted(
    (name, wire)
    for name, shape in SAGEMAKER["shapes"].items()
    if shape["type"] == "structure"
    for wire, ref in shape["members"].items()
    if SAGEMAKER["shapes"][ref["shape"]].get("sensitive")
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        item = todo.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        todo += [item.__context__, item.__cause__]


def _assert_hidden(call: Callable[[], Any], secret: Any = SECRET) -> ShapeValidationError:
    with pytest.raises(ShapeValidationError) as caught:
        call()
    error = caught.value
    for linked in _chain(error):
        assert str(secret) not in str(linked), type(linked)
        assert str(secret) not in repr(linked.args)
    for problem in error.errors:
        assert str(secret) not in repr(problem.value)
        assert str(secret) not in problem.message
    assert str(secret).encode() not in pickle.dumps(error)
    return error


def _kept_hidden(model: Any, data: Any, secret: Any = SECRET) -> None:
    """``from_response`` kept what did not fit (the caller's own data, written back whole),
    and nothing of it shows when the model is printed."""
    assert model.to_boto() == data
    for shown in (repr(model), str(model)):
        assert str(secret) not in shown


def _read_hidden(cls: Any, entry: str, data: Any, secret: Any = SECRET) -> Any:
    """``from_boto`` refuses, hiding the secret; ``from_response`` keeps it, hidden."""
    if entry == "from_response":
        model = cls.from_response(data)
        _kept_hidden(model, data, secret)
        return model
    return _assert_hidden(lambda: cls.from_boto(data), secret)


def test_sagemaker_has_six_sensitive_members() -> None:
    assert len(SENSITIVE_MEMBERS) == 6


@pytest.mark.parametrize(("name", "wire"), SENSITIVE_MEMBERS)
@pytest.mark.parametrize("entry", ["from_boto", "from_response"])
@pytest.mark.parametrize("bad", [123456789, [SECRET], {"v": SECRET}], ids=["int", "list", "map"])
def test_a_sensitive_value_of_the_wrong_type_is_not_shown(
    name: str, wire: str, entry: str, bad: Any
) -> None:
    secret = bad if isinstance(bad, int) else SECRET
    read = _read_hidden(getattr(sm, name), entry, {wire: bad}, secret)
    if entry == "from_boto":
        assert wire in [e.path for e in read.errors]
    else:
        assert wire in read.shape_misfits


@pytest.mark.parametrize("entry", ["from_boto", "from_response"])
@pytest.mark.parametrize(
    "request_data",
    [
        {"WorkforceName": "w", "OidcConfig": [{"ClientSecret": SECRET}]},  # the parent malformed
        {"WorkforceName": "w", "OidcConfig": f"ClientSecret={SECRET}"},
        [{"OidcConfig": {"ClientSecret": SECRET}}],  # the whole request malformed
        {"WorkforceName": "w", "OidcConfig": {"ClientSecret": SECRET, "Bogus": SECRET, "Scope": 5}},
        {"WorkforceName": 5, "OidcConfig": {"ClientSecret": SECRET, "ClientId": 5}},
    ],
    ids=["parent-list", "parent-text", "request-list", "unknown-beside", "siblings-wrong"],
)
def test_nothing_that_holds_a_secret_is_shown(entry: str, request_data: Any) -> None:
    if entry == "from_response" and isinstance(request_data, list):  # no structure to keep it
        _assert_hidden(lambda: sm.CreateWorkforceRequest.from_response(request_data))  # type: ignore[arg-type]
        return
    _read_hidden(sm.CreateWorkforceRequest, entry, request_data)


@pytest.mark.parametrize("entry", ["from_boto", "from_response"])
def test_an_unknown_name_beside_a_secret_is_not_shown(entry: str) -> None:
    # A caller who puts the secret where a member name goes (a dict built the wrong way round).
    read = _read_hidden(sm.OidcConfig, entry, {SECRET: 5, "ClientId": 5})
    assert entry == "from_response" or "<sensitive>" in [e.path for e in read.errors]


def test_a_secret_under_the_other_naming_is_not_shown() -> None:
    # Wire names where attribute names go (constructor, builder, facade keywords), or the
    # other way round in from_boto: the member is unknown there, its value still secret.
    config: Any = {"ClientId": "c", "ClientSecret": SECRET}
    _assert_hidden(lambda: sm.CreateWorkforceRequest(workforce_name="w", oidc_config=config))
    _assert_hidden(lambda: sm.OidcConfig.from_boto({"client_secret": SECRET}))
    _assert_hidden(lambda: sm.CreateModelCardRequest.from_boto({"content": SECRET}))


def test_constructor_errors_hide_secrets_too() -> None:
    # Wrong on purpose, as a caller without a type checker might write it.
    bad_secret: Any = [SECRET]
    bad_config: Any = [{"client_secret": SECRET}]
    _assert_hidden(lambda: sm.OidcConfig.builder().client_secret(bad_secret).build())
    _assert_hidden(lambda: sm.CreateWorkforceRequest.builder().oidc_config(bad_config).build())


def test_other_values_are_still_shown() -> None:
    error = _assert_hidden(
        lambda: sm.CreateWorkforceRequest.from_boto({"WorkforceName": 5, "Tags": "not-a-list"})
    )
    assert [(e.path, e.value) for e in error.errors] == [
        ("WorkforceName", 5),
        ("Tags", "not-a-list"),
    ]
