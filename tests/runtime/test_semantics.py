"""The model contract: strict requests, forgiving responses, immutability, builders, enums."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import pytest

import botoshapes.sagemaker as sm
from botoshapes._runtime import FrozenMap, ShapeValidationError, constraint_checks
from botoshapes.sagemaker import (
    CreateEndpointConfigInput,
    DataCaptureConfigSummary,
    DescribeEndpointOutput,
    OidcConfig,
    ProductionVariant,
    ProductionVariantInstanceType,
)


def _variant(**extra: Any) -> dict[str, Any]:
    return {"VariantName": "a", "ModelName": "m", "InstanceType": "ml.m5.large"} | extra


def _errors(call: Any) -> list[tuple[str, Any]]:
    with pytest.raises(ShapeValidationError) as caught:
        call()
    return [(e.path, e.value) for e in caught.value.errors]


# -- strict --------------------------------------------------------------------------------------


def test_error_names_wire_path_and_value() -> None:
    request = {
        "EndpointConfigName": "c",
        "ProductionVariants": [_variant(), _variant(VariantName="b", InitialVariantWeight=-2.0)],
    }
    with pytest.raises(
        ValueError, match=r"ProductionVariants\[1\]\.InitialVariantWeight: -2\.0 is less than 0"
    ):
        CreateEndpointConfigInput.from_boto(request)


def test_constructor_errors_use_wire_names_too() -> None:
    assert _errors(lambda: ProductionVariant(variant_name="a", initial_instance_count=0)) == [
        ("InitialInstanceCount", 0)
    ]


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("InitialInstanceCount", "4"),  # no str -> int
        ("InitialInstanceCount", True),  # no bool -> int
        ("InitialInstanceCount", 4.0),  # no float -> int
        ("InitialVariantWeight", "1.0"),
        ("EnableSSMAccess", 1),
        ("InstanceType", "ml.m5.huge"),  # not a value of the enum
        ("VariantName", "a" * 64),  # max length 63
        ("VariantName", "-a"),  # pattern
        ("VariantName", "a\n"),  # full match, not search
        ("Bogus", 1),  # unknown member
    ],
)
def test_strict_rejects(member: str, value: Any) -> None:
    assert _errors(lambda: ProductionVariant.from_boto(_variant(**{member: value}))) == [
        (member, value)
    ]


def test_int_is_a_valid_float() -> None:
    assert ProductionVariant.from_boto(_variant(InitialVariantWeight=1)).initial_variant_weight == 1


def test_missing_required_is_named() -> None:
    assert _errors(lambda: ProductionVariant.from_boto({"ModelName": "m"})) == [
        ("VariantName", None)
    ]


def test_union_needs_exactly_one_member() -> None:
    union = next(
        c
        for c in (getattr(sm, n) for n in sm.__all__)
        if getattr(c, "shape_traits", None) and c.shape_traits.union
    )
    with pytest.raises(ShapeValidationError, match="exactly one member"):
        union.from_boto({})


def test_constraint_switch_keeps_types_and_enums() -> None:
    too_long = _variant(VariantName="a" * 100)
    with constraint_checks(False):
        assert ProductionVariant.from_boto(too_long).variant_name == "a" * 100
        with pytest.raises(ShapeValidationError):
            ProductionVariant.from_boto(_variant(InstanceType="ml.m5.huge"))
    with pytest.raises(ShapeValidationError):
        ProductionVariant.from_boto(too_long)


def test_constraint_switch_from_environment() -> None:
    code = (
        "from botoshapes.sagemaker import ProductionVariant as P;"
        "print(len(P(variant_name='a' * 100).variant_name))"
    )
    env = os.environ | {"BOTOSHAPES_CONSTRAINT_CHECKS": "0"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "100", result.stderr


# -- forgiving responses -------------------------------------------------------------------------

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _describe() -> dict[str, Any]:
    return {
        "EndpointName": "e",
        "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e",
        "EndpointConfigName": "c",
        "EndpointStatus": "InService",
        "CreationTime": NOW,
        "LastModifiedTime": NOW,
        "ProductionVariants": [
            {
                "VariantName": "a",
                "CurrentWeight": 0.0,
                "CurrentInstanceCount": 0,
                "CurrentServerlessConfig": {"MemorySizeInMB": 1024, "MaxConcurrency": 1},
            },
        ],
        "ResponseMetadata": {"RequestId": "r", "HTTPStatusCode": 200},
    }


def test_from_response_drops_metadata_and_round_trips() -> None:
    data = _describe()
    out = DescribeEndpointOutput.from_response(data)
    del data["ResponseMetadata"]
    assert out.to_boto() == data
    assert out.production_variants is not None
    assert out.production_variants[0].current_weight == 0.0


def test_from_response_keeps_unknown_enum_values_and_members() -> None:
    data = _describe() | {"EndpointStatus": "Hibernating", "BrandNewMember": {"X": [1]}}
    del data["ResponseMetadata"]
    out = DescribeEndpointOutput.from_response(data)
    assert out.endpoint_status == "Hibernating"
    assert isinstance(out.endpoint_status, sm.EndpointStatus)
    assert not out.endpoint_status.is_known
    assert sm.EndpointStatus.IN_SERVICE.is_known
    assert out.to_boto() == data


def test_from_response_accepts_omitted_required_members_of_output_shapes() -> None:
    # The service model marks all four required; services send fewer.
    summary = DataCaptureConfigSummary.from_response({"EnableCapture": False})
    assert summary.enable_capture is False
    assert summary.capture_status is None
    assert summary.to_boto() == {"EnableCapture": False}


def test_a_response_may_omit_members_that_requests_need() -> None:
    # moto answers DescribeEndpointConfig with an empty DataCaptureConfig, a
    # shape that requests send too; parsing must not fail on it.
    response = {
        "EndpointConfigName": "c",
        "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/c",
        "ProductionVariants": [{"VariantName": "blue"}],
        "DataCaptureConfig": {},
        "CreationTime": NOW,
    }
    out = sm.DescribeEndpointConfigOutput.from_response(response)
    assert out.data_capture_config is not None
    assert out.data_capture_config.destination_s3_uri is None  # typed str | None when read
    assert out.to_boto() == response
    with pytest.raises(ShapeValidationError, match="DestinationS3Uri: required member is missing"):
        sm.DataCaptureConfig.from_boto({"InitialSamplingPercentage": 10, "CaptureOptions": []})


def test_from_response_does_not_check_constraints() -> None:
    assert (
        ProductionVariant.from_response(_variant(VariantName="-" * 100)).variant_name == "-" * 100
    )


def test_strict_rejects_unknown_enum_that_responses_accept() -> None:
    with pytest.raises(ShapeValidationError):
        ProductionVariant.from_boto(_variant(InstanceType="ml.future.xlarge"))
    assert ProductionVariant.from_response(
        _variant(InstanceType="ml.future.xlarge")
    ).to_boto() == _variant(InstanceType="ml.future.xlarge")


# -- immutability --------------------------------------------------------------------------------


def _config() -> CreateEndpointConfigInput:
    return CreateEndpointConfigInput.from_boto(
        {
            "EndpointConfigName": "c",
            "ProductionVariants": [_variant(), _variant(VariantName="b")],
            "Tags": [{"Key": "k", "Value": "v"}],
        }
    )


def test_models_are_deeply_immutable_and_hashable() -> None:
    config = _config()
    with pytest.raises(ValueError, match="frozen"):
        config.endpoint_config_name = "x"  # type: ignore[misc]
    assert isinstance(config.production_variants, tuple)
    with pytest.raises(ValueError, match="frozen"):
        config.production_variants[0].variant_name = "x"  # type: ignore[misc]
    assert len({config, _config()}) == 1
    assert config == _config()
    assert config != _config().model_copy(update={"endpoint_config_name": "other"})


def test_maps_are_read_only_and_written_back_as_dicts() -> None:
    container = sm.ContainerDefinition(environment={"A": "1"})
    assert isinstance(container.environment, FrozenMap)
    with pytest.raises(TypeError):
        container.environment["B"] = "2"  # type: ignore[index]
    assert container.environment == {"A": "1"}
    assert hash(container)
    out = container.to_boto()
    assert type(out["Environment"]) is dict


def test_constructors_accept_any_sequence_and_mapping() -> None:
    from_tuple = CreateEndpointConfigInput(
        endpoint_config_name="c", production_variants=(ProductionVariant(variant_name="a"),)
    )
    from_list = CreateEndpointConfigInput(
        endpoint_config_name="c", production_variants=[ProductionVariant(variant_name="a")]
    )
    assert from_tuple == from_list
    assert sm.ContainerDefinition(environment=FrozenMap({"A": "1"})).environment == {"A": "1"}


def test_to_boto_keeps_falsy_values() -> None:
    variant = ProductionVariant(
        variant_name="a", initial_variant_weight=0.0, enable_ssm_access=False
    )
    assert variant.to_boto() == {
        "VariantName": "a",
        "InitialVariantWeight": 0.0,
        "EnableSSMAccess": False,
    }
    assert sm.Tag(key="k", value="").to_boto() == {"Key": "k", "Value": ""}
    assert sm.ContainerDefinition(environment={}).to_boto() == {"Environment": {}}


# -- enums ---------------------------------------------------------------------------------------


def test_enum_members_and_strings_are_both_accepted() -> None:
    by_string = ProductionVariant(variant_name="a", instance_type="ml.m5.large")
    by_member = ProductionVariant(
        variant_name="a", instance_type=ProductionVariantInstanceType.ML_M5_LARGE
    )
    assert by_string == by_member
    assert by_string.instance_type is ProductionVariantInstanceType.ML_M5_LARGE
    assert type(by_string.to_boto()["InstanceType"]) is str


# -- builders ------------------------------------------------------------------------------------


def test_builder_builds_and_validates() -> None:
    built = ProductionVariant.builder().variant_name("a").instance_type("ml.m5.large").build()
    assert built == ProductionVariant(variant_name="a", instance_type="ml.m5.large")
    again = built.to_builder().initial_instance_count(2).build()
    assert again.initial_instance_count == 2
    assert again.variant_name == "a"
    assert built.initial_instance_count is None  # the original is untouched
    with pytest.raises(ShapeValidationError, match="VariantName: required member is missing"):
        ProductionVariant.builder().model_name("m").build()
    with pytest.raises(AttributeError, match="no member named 'bogus'"):
        ProductionVariant.builder().bogus  # type: ignore[attr-defined]  # noqa: B018


# -- sensitive members ---------------------------------------------------------------------------


def _oidc(secret: str) -> OidcConfig:
    url = "https://example.com/x"
    return OidcConfig(
        client_id="id",
        client_secret=secret,
        issuer=url,
        authorization_endpoint=url,
        token_endpoint=url,
        user_info_endpoint=url,
        logout_endpoint=url,
        jwks_uri=url,
    )


def test_sensitive_members_are_masked_but_sent() -> None:
    config = _oidc("hunter2")
    assert "hunter2" not in repr(config)
    assert "hunter2" not in str(config)
    assert "client_secret=<sensitive>" in repr(config)
    assert config.client_secret == "hunter2"
    assert config.to_boto()["ClientSecret"] == "hunter2"


def test_sensitive_values_stay_out_of_errors() -> None:
    with pytest.raises(ShapeValidationError) as caught:
        _oidc("hunter2\n")  # breaks the pattern
    assert "hunter2" not in str(caught.value)
    assert caught.value.errors[0].path == "ClientSecret"
    assert caught.value.errors[0].value is None
