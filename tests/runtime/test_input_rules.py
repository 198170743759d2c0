"""What each entry point does with the inputs callers really pass.

Every test here was written against a defect found by attacking the models
(the issue "Every bad input gets a clear error"): each failed before the fix.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from botocore.utils import parse_to_aware_datetime

import botoshapes.sagemaker as sm
from botoshapes._runtime import ShapeValidationError, constraint_checks
from botoshapes._runtime.nesting import MAX_DEPTH


def _error(call: Callable[[], Any]) -> ShapeValidationError:
    with pytest.raises(ShapeValidationError) as caught:
        call()
    return caught.value


def _paths(call: Callable[[], Any]) -> list[str]:
    return [e.path for e in _error(call).errors]


# -- enum-keyed maps -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "data", "path"),
    [
        (
            sm.TimeSeriesTransformations,
            {"Filling": {"x": {"not-a-value": "0"}}},
            "Filling['x']",
        ),
        (sm.ClusterInstanceGroupDetails, {"ActiveOperations": {"Nope": 1}}, "ActiveOperations"),
        (sm.AutoMLCandidate, {"InferenceContainerDefinitions": {"TPU": []}}, ""),
    ],
)
def test_enum_keyed_maps_take_only_enum_values(model: Any, data: Any, path: str) -> None:
    inner = next(iter(data.values()))
    if path.endswith("]"):  # the map is inside another map
        inner = next(iter(inner.values()))
    expected = f"{path or next(iter(data))} key {next(iter(inner))!r}"
    assert expected in _paths(lambda: model.from_boto(data))


def test_enum_keys_are_members_and_unknown_keys_survive_responses() -> None:
    filling = sm.TimeSeriesTransformations.from_boto({"Filling": {"x": {"frontfill": "none"}}})
    assert filling.filling is not None
    (key,) = filling.filling["x"]
    assert key is sm.FillingType.FRONTFILL
    response = sm.TimeSeriesTransformations.from_response({"Filling": {"x": {"newfill": "z"}}})
    assert response.filling is not None
    (unknown,) = response.filling["x"]
    assert isinstance(unknown, sm.FillingType)
    assert not unknown.is_known
    assert response.to_boto() == {"Filling": {"x": {"newfill": "z"}}}


def test_an_unlisted_value_a_response_reported_may_be_sent_back() -> None:
    described = sm.DescribeEndpointConfigOutput.from_response(
        {"ProductionVariants": [{"VariantName": "a", "InstanceType": "ml.new.type"}]}
    )
    assert described.production_variants is not None
    reported = described.production_variants[0].instance_type
    assert reported is not None
    request = sm.ProductionVariant(variant_name="a", instance_type=reported)
    assert request.to_boto() == {"VariantName": "a", "InstanceType": "ml.new.type"}
    assert sm.ProductionVariant.from_boto(request.to_boto() | {"InstanceType": reported}) == request
    with pytest.raises(ShapeValidationError, match="is not a value of"):
        sm.ProductionVariant.from_boto(request.to_boto())  # the bare text is still refused


# -- models from_response built, in a request ------------------------------------------------------

_FROM_RESPONSE = {"VariantName": "", "InitialInstanceCount": -5, "NewMember": 1}


@pytest.mark.parametrize(
    ("entry", "prefix"),
    [
        (sm.ProductionVariant.from_boto, ""),
        (
            lambda bad: sm.CreateEndpointConfigInput(
                endpoint_config_name="c", production_variants=[bad]
            ),
            "ProductionVariants[0].",
        ),
        (
            lambda bad: (
                sm.CreateEndpointConfigInput.builder()
                .endpoint_config_name("c")
                .production_variants([bad])
                .build()
            ),
            "ProductionVariants[0].",
        ),
        (
            lambda bad: sm.CreateEndpointConfigInput.from_boto(
                {"EndpointConfigName": "c", "ProductionVariants": [bad]}
            ),
            "ProductionVariants[0].",
        ),
        (
            lambda bad: sm.UpdateEndpointWeightsAndCapacitiesInput(
                endpoint_name="e",
                desired_weights_and_capacities=[
                    sm.DesiredWeightAndCapacity.from_response({"VariantName": "", "Zz": 1})
                ],
            ),
            "DesiredWeightsAndCapacities[0].",
        ),
    ],
    ids=["from_boto", "constructor", "builder", "nested in from_boto", "another shape"],
)
def test_a_model_from_a_response_is_checked_again_in_a_request(
    entry: Callable[[Any], Any], prefix: str
) -> None:
    bad = sm.ProductionVariant.from_response(_FROM_RESPONSE)
    paths = _paths(lambda: entry(bad))
    names = ["VariantName", "InitialInstanceCount", "NewMember"]
    if "Desired" in prefix:
        names = ["VariantName", "Zz"]
    assert sorted(paths) == sorted(prefix + name for name in names)


def test_a_valid_model_from_a_response_goes_into_a_request_as_it_is() -> None:
    reported = sm.ProductionVariant.from_response(
        {"VariantName": "a", "ModelName": "m", "InstanceType": "ml.new.type"}
    )
    request = sm.CreateEndpointConfigInput(endpoint_config_name="c", production_variants=[reported])
    assert request.production_variants == (reported,)
    assert request.to_boto()["ProductionVariants"] == [reported.to_boto()]


# -- anything that is not a mapping ---------------------------------------------------------------

NOT_MAPPINGS = [None, 0, 1.5, "ResponseMetadata", b"x", ["VariantName"], ("a",), {"a"}, object()]


@pytest.mark.parametrize("value", NOT_MAPPINGS, ids=repr)
@pytest.mark.parametrize("entry", ["from_boto", "from_response"])
def test_a_non_mapping_is_a_validation_error(entry: str, value: Any) -> None:
    error = _error(lambda: getattr(sm.ProductionVariant, entry)(value))
    assert [e.path for e in error.errors] == [""]
    assert "ProductionVariant:" in str(error)


# -- depth ---------------------------------------------------------------------------------------


def _search(levels: int) -> dict[str, Any]:
    """A search expression ``2 * levels + 1`` deep (each level a structure and a list)."""
    expression: dict[str, Any] = {"Operator": "And"}
    for _ in range(levels):
        expression = {"SubExpressions": [expression]}
    return expression


def _nested_list(levels: int) -> Any:
    value: Any = "x"
    for _ in range(levels):
        value = [value]
    return value


@pytest.mark.parametrize("entry", ["from_boto", "from_response"])
def test_too_deep_is_one_short_error(entry: str) -> None:
    deepest = (MAX_DEPTH - 1) // 2
    assert getattr(sm.SearchExpression, entry)(_search(deepest)) is not None
    for levels in (deepest + 1, 255, 5000):
        error = _error(partial(getattr(sm.SearchExpression, entry), _search(levels)))
        assert error.count == 1
        assert len(str(error)) < 200
        assert f"nests more than {MAX_DEPTH} levels" in str(error)


def test_depth_counts_models_given_as_values() -> None:
    deep = sm.SearchExpression.from_boto(_search((MAX_DEPTH - 1) // 2))
    with pytest.raises(ShapeValidationError, match="nests more than"):
        sm.SearchExpression(sub_expressions=[deep])
    assert sm.SearchRequest(resource="TrainingJob", search_expression=deep) is not None


@pytest.mark.parametrize("entry", ["from_boto", "from_response"])
@pytest.mark.parametrize("member", ["VariantName", "InstanceType", "ManagedInstanceScaling"])
def test_deep_garbage_anywhere_gives_a_short_error(entry: str, member: str) -> None:
    for garbage in (_nested_list(5000), {"a": _nested_list(5000)}):
        data = {"VariantName": "a", member: garbage}
        error = _error(partial(getattr(sm.ProductionVariant, entry), data))
        assert len(str(error)) < 300, str(error)


def test_unknown_members_in_responses_are_depth_limited_too() -> None:
    data = {"EndpointName": "e", "Zz": _nested_list(MAX_DEPTH + 1)}
    assert "nests more than" in str(_error(lambda: sm.DescribeEndpointOutput.from_response(data)))
    kept = sm.DescribeEndpointOutput.from_response({"Zz": _nested_list(MAX_DEPTH - 1)})
    assert kept.to_boto() == {"Zz": _nested_list(MAX_DEPTH - 1)}


def test_values_sharing_parts_are_counted_as_the_trees_they_stand_for() -> None:
    shared: Any = "x"
    for _ in range(40):  # 2**40 leaves as a tree, 40 lists in memory
        shared = [shared, shared]
    assert "holds more than" in str(
        _error(lambda: sm.DescribeEndpointOutput.from_response({"Zz": shared}))
    )
    expression: dict[str, Any] = {"Operator": "And"}
    for _ in range(8):
        expression = {"SubExpressions": [expression] * 20}
    assert "holds more than" in str(_error(lambda: sm.SearchExpression.from_boto(expression)))


# -- None ----------------------------------------------------------------------------------------


def test_none_in_a_wire_dict_is_refused() -> None:
    error = _error(lambda: sm.ProductionVariant.from_boto({"VariantName": "a", "ModelName": None}))
    assert [(e.path, e.message) for e in error.errors] == [
        ("ModelName", "None is not a value on the wire; leave the member out")
    ]
    nested = {
        "EndpointConfigName": "c",
        "ProductionVariants": [{"VariantName": "a", "ModelName": None}],
    }
    assert _paths(lambda: sm.CreateEndpointConfigInput.from_boto(nested)) == [
        "ProductionVariants[0].ModelName"
    ]
    with pytest.raises(ShapeValidationError):
        sm.ContainerDefinition.from_boto({"Environment": {"A": None}})
    with pytest.raises(ShapeValidationError):
        sm.ProductionVariant.from_boto({"VariantName": None})


def test_a_keyword_given_none_is_a_member_not_set() -> None:
    variant = sm.ProductionVariant(variant_name="a", model_name=None)
    assert variant.to_boto() == {"VariantName": "a"}
    assert sm.ProductionVariant.builder().variant_name("a").model_name(None).build() == variant
    with pytest.raises(ShapeValidationError, match="VariantName: required member is missing"):
        sm.ProductionVariant(variant_name=None)  # type: ignore[arg-type]


def test_responses_may_still_carry_null() -> None:
    # Read as None, and written back as it came: from_response(d).to_boto() == d.
    sent = {"VariantName": "a", "ModelName": None, "Zz": None}
    model = sm.ProductionVariant.from_response(sent)
    assert model.model_name is None
    assert model.to_boto() == sent


# -- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "member", "value", "message"),
    [
        (sm.MetricDatum, "Value", 2**53 + 1, "9007199254740993 cannot be sent exactly as a double"),
        (sm.MetricDatum, "Value", -(10**400), "cannot be sent exactly as a double"),
        (sm.MetricDatum, "Value", math.nan, "nan is not a finite number"),
        (sm.MetricDatum, "Value", math.inf, "inf is not a finite number"),
        (sm.ProductionVariant, "InitialVariantWeight", -math.inf, "-inf is not a finite number"),
        (sm.ProductionVariant, "InitialInstanceCount", 2**31, "is greater than 2147483647"),
        (sm.ProductionVariant, "VolumeSizeInGB", -(2**31) - 1, "is less than"),
        (sm.ClusterEbsVolumeConfig, "VolumeSizeInGB", 2**70, "is greater than"),
    ],
)
def test_numbers_must_fit_the_wire(model: Any, member: str, value: Any, message: str) -> None:
    base: dict[str, Any] = {
        sm.MetricDatum: {"MetricName": "Accuracy"},
        sm.ProductionVariant: {"VariantName": "a"},
        sm.ClusterEbsVolumeConfig: {},
    }[model]
    error = _error(lambda: model.from_boto({**base, member: value}))
    assert [e.path for e in error.errors] == [member]
    assert message in str(error)


def test_integers_beyond_64_bits_are_refused_even_without_constraint_checks() -> None:
    with constraint_checks(False):
        assert sm.ProductionVariant(variant_name="a", initial_instance_count=2**40) is not None
        for value in (2**63, -(2**63) - 1):
            with pytest.raises(ShapeValidationError, match="InitialInstanceCount"):
                sm.ProductionVariant(variant_name="a", initial_instance_count=value)
        with pytest.raises(ShapeValidationError, match="not a finite number"):
            sm.ProductionVariant(variant_name="a", initial_variant_weight=math.nan)


def test_exact_doubles_pass() -> None:
    for value in (2**53, 2**60, -(2**53), 0.1, 1e300):
        assert sm.MetricDatum.from_boto({"MetricName": "Accuracy", "Value": value}).value == value


# -- timestamps ----------------------------------------------------------------------------------

JAN_1 = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "given",
    [
        JAN_1,
        datetime(2020, 1, 1),  # naive: UTC, as botocore reads it
        datetime(2020, 1, 1, 2, tzinfo=timezone(timedelta(hours=2))),
        "2020-01-01T00:00:00Z",
        "2020-01-01T02:00:00+02:00",
        "2020-01-01",
        "2020-01-01 00:00:00",
        1577836800,
        1577836800.0,
        "1577836800",
        # not ISO-8601 to Python, read as botocore's serializer reads it (dateutil)
        "2020-01-01T00:00:0Z",
        "Wed, 01 Jan 2020 00:00:00 GMT",
        "Jan 1 2020",
        "2020-01-01T01:00:00 +0100",
    ],
    ids=repr,
)
def test_timestamps_are_taken_as_botocore_takes_them(given: Any) -> None:
    if not isinstance(given, datetime):  # what botocore would send, to the microsecond
        assert parse_to_aware_datetime(given) == JAN_1
    request = sm.ListTrainingJobsRequest.from_boto({"CreationTimeAfter": given})
    assert request.creation_time_after == JAN_1
    assert request.creation_time_after is not None
    assert request.creation_time_after.tzinfo is UTC
    keyword = sm.ListTrainingJobsRequest(creation_time_after=given)
    assert keyword == request


def test_numeric_text_is_epoch_seconds_as_botocore_reads_it() -> None:
    request = sm.ListTrainingJobsRequest.from_boto({"CreationTimeAfter": "20260102"})
    assert request.creation_time_after == datetime(1970, 8, 23, 11, 48, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    "given",
    [
        "yesterday",
        "",
        "2026W011",
        "2026-W01-1",
        "2026-W01",
        # botocore would complete these from today's date ...
        "2020-01",
        "00:00",
        "Jan 1",
        # ... and send this one as UTC, dropping a zone dateutil does not know
        "2020-01-01 00:00 EST",
        True,
        math.nan,
        1e20,
        date(2020, 1, 1),
        [2020, 1, 1],
    ],
    ids=repr,
)
def test_what_is_not_a_timestamp_is_refused(given: Any) -> None:
    """Text refused is text botocore refuses, or reads by guessing: a part of the date taken
    from the day it runs, or a zone it drops."""
    assert _paths(lambda: sm.ListTrainingJobsRequest.from_boto({"CreationTimeAfter": given})) == [
        "CreationTimeAfter"
    ]


# -- size ----------------------------------------------------------------------------------------


def test_a_list_too_long_is_refused_before_its_items_are_read() -> None:
    variants = [{"Bogus": i} for i in range(100_000)]
    started = time.perf_counter()
    error = _error(
        lambda: sm.CreateEndpointConfigInput.from_boto(
            {"EndpointConfigName": "c", "ProductionVariants": variants}
        )
    )
    elapsed = time.perf_counter() - started
    assert [(e.path, e.message) for e in error.errors] == [
        ("ProductionVariants", "has 100000 items, more than 10")
    ]
    assert elapsed >= 0  # timing is measured in `nox -s bench`, never asserted here


def test_a_map_too_big_is_refused_before_its_items_are_read() -> None:
    environment = {f"KEY{i}": 5 for i in range(100_000)}  # every value is wrong too
    error = _error(lambda: sm.ContainerDefinition.from_boto({"Environment": environment}))
    assert [(e.path, e.message) for e in error.errors] == [
        ("Environment", "has 100000 items, more than 100")
    ]


def test_many_problems_are_counted_not_all_listed() -> None:
    data = {"VariantName": "a", **{f"k{i}": 1 for i in range(100_000)}}
    error = _error(lambda: sm.ProductionVariant.from_boto(data))
    assert error.count == 100_000
    assert len(error.errors) == 20
    assert str(error).startswith("100000 invalid values in ProductionVariant:")
    assert str(error).endswith("... and 99980 more")
    assert len(str(error)) < 2_000


def test_huge_values_are_shortened_in_messages() -> None:
    huge = "x" * 10_000_000
    for data in ({"VariantName": huge}, {"VariantName": "a", huge: 1}, {"VariantName": [huge]}):
        assert len(str(_error(partial(sm.ProductionVariant.from_boto, data)))) < 300
    environment = {huge: "v"}
    assert (
        len(str(_error(lambda: sm.ContainerDefinition.from_boto({"Environment": environment}))))
        < 300
    )


# -- pydantic's own entry points ------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: sm.ProductionVariant.model_validate({"variant_name": 1}),
        lambda: sm.ProductionVariant.model_validate_json('{"variant_name": 1}'),
        lambda: sm.ProductionVariant.model_validate_strings({"variant_name": "a", "nope": "1"}),
    ],
    ids=["model_validate", "model_validate_json", "model_validate_strings"],
)
def test_pydantic_entry_points_raise_shape_validation_error(call: Callable[[], Any]) -> None:
    error = _error(call)
    assert error.errors[0].path in {"VariantName", "nope"}
    assert error.__context__ is None


def test_pydantic_entry_points_still_build_models() -> None:
    model = sm.ProductionVariant.model_validate({"variant_name": "a"})
    assert model == sm.ProductionVariant(variant_name="a")
    assert sm.ProductionVariant.model_validate_json('{"variant_name": "a"}') == model


def test_the_members_set_cannot_be_changed_from_outside() -> None:
    model = sm.ProductionVariant(variant_name="a", model_name="m")
    assert model.model_fields_set == {"variant_name", "model_name"}
    with pytest.raises(AttributeError):
        model.model_fields_set.clear()  # type: ignore[attr-defined]
    assert model.to_boto() == {"VariantName": "a", "ModelName": "m"}


# -- what a response may carry -------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"VariantName": "a", "CurrentInstanceCount": 10**5000},
        {"VariantName": "a", "Later": 10**5000},
        {"VariantName": "a", "Later": [{"x": -(10**5000)}]},
    ],
    ids=["known member", "unknown member", "inside an unknown member"],
)
def test_a_response_integer_python_cannot_print_is_refused(data: dict[str, Any]) -> None:
    error = _error(lambda: sm.ProductionVariantSummary.from_response(data))
    assert "4,000 digits" in str(error)
    assert len(str(error)) < 300


def test_big_response_integers_that_print_are_kept() -> None:
    big = 10**3999
    read = sm.ProductionVariantSummary.from_response(
        {"VariantName": "a", "CurrentInstanceCount": big, "Later": big}
    )
    assert read.current_instance_count == big
    assert read.to_boto()["Later"] == big
    assert repr(read)


def test_a_signalling_nan_in_a_response_is_refused() -> None:
    data = {"VariantName": "a", "X": Decimal("sNaN")}
    error = _error(lambda: sm.ProductionVariantSummary.from_response(data))
    assert [e.path for e in error.errors] == ["X"]


# -- patterns are Java's ---------------------------------------------------------------------------


@pytest.mark.parametrize("terminator", ["\r", "\x85", "\u2028", "\u2029", "\n"], ids=repr)
def test_a_dot_in_a_pattern_takes_a_line_terminator_too(terminator: str) -> None:
    """Multi-line text passes a pattern's ``.``, as AWS takes it (``codegen.patterns._DOT``
    holds the evidence); the pattern is still matched whole."""
    # DisplayName is \S(.*\S)?
    request = {
        "ImageName": "i",
        "RoleArn": "arn:aws:iam::123456789012:role/r",
        "DisplayName": f"a{terminator}a",
    }
    assert sm.CreateImageRequest.from_boto(request).display_name == f"a{terminator}a"
    for whole in ("a\n", " a"):  # it must still start and end with a non-space
        wrong = request | {"DisplayName": whole}
        assert _paths(partial(sm.CreateImageRequest.from_boto, wrong)) == ["DisplayName"]
    assert sm.CreateImageRequest.from_boto(request | {"DisplayName": "a\ta b"})
