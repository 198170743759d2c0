"""An endpoint's spec file (``deploy.spec``): read into the requests that make it, names
derived from content, and every problem named by file, line and place."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from botoshapes.sagemaker.deploy.spec import MANAGED_TAG, SpecError, derived_name, read_spec

ROLE = "arn:aws:iam::123456789012:role/sagemaker"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:2"

SPEC = f"""\
name: churn
tags:
  - {{Key: team, Value: ml}}
models:
  v2:
    PrimaryContainer:
      Image: {IMAGE}
      ModelDataUrl: s3://models/churn/v2.tar.gz
    ExecutionRoleArn: {ROLE}
config:
  ProductionVariants:
    - VariantName: blue
      ModelName: v2
      InstanceType: ml.m5.large
      InitialInstanceCount: 2
deployment:
  DeploymentConfig:
    BlueGreenUpdatePolicy:
      TrafficRoutingConfiguration:
        Type: CANARY
        CanarySize: {{Type: INSTANCE_COUNT, Value: 1}}
        WaitIntervalInSeconds: 600
  RetainDeploymentConfig: true
"""


def _write(tmp_path: Path, text: str, name: str = "churn.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _problems(path: str) -> list[str]:
    with pytest.raises(SpecError) as caught:
        read_spec(path)
    return caught.value.problems


def test_a_spec_is_read_into_its_requests(tmp_path: Path) -> None:
    spec = read_spec(_write(tmp_path, SPEC))
    model = spec.models["v2"]
    assert re.fullmatch(r"churn-[0-9a-f]{10}", model.model_name)
    assert model.primary_container is not None
    assert model.primary_container.image == IMAGE
    assert (MANAGED_TAG, "churn") in {(t.key, t.value) for t in model.tags or ()}
    (variant,) = spec.config.production_variants
    assert variant.model_name == model.model_name  # the local name resolved
    assert spec.config.endpoint_config_name != model.model_name
    assert spec.create.endpoint_config_name == spec.config.endpoint_config_name
    assert spec.update.endpoint_name == "churn"
    assert spec.update.retain_deployment_config is True
    assert spec.update.deployment_config is not None
    assert [(t.key, t.value) for t in spec.tags] == [("team", "ml")]


def test_json_says_the_same_as_yaml(tmp_path: Path) -> None:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(SPEC)
    from_json = read_spec(_write(tmp_path, json.dumps(data), "churn.json"))
    assert from_json == read_spec(_write(tmp_path, SPEC))


def test_the_same_content_has_the_same_names_and_a_change_new_ones(tmp_path: Path) -> None:
    first = read_spec(_write(tmp_path, SPEC, "a.yaml"))
    again = read_spec(_write(tmp_path, "# a comment changes nothing\n" + SPEC, "b.yaml"))
    assert again.models["v2"].model_name == first.models["v2"].model_name
    assert again.config.endpoint_config_name == first.config.endpoint_config_name
    bigger = read_spec(
        _write(
            tmp_path, SPEC.replace("InitialInstanceCount: 2", "InitialInstanceCount: 3"), "c.yaml"
        )
    )
    assert bigger.models["v2"].model_name == first.models["v2"].model_name  # same model
    assert bigger.config.endpoint_config_name != first.config.endpoint_config_name
    new_image = read_spec(_write(tmp_path, SPEC.replace("churn:2", "churn:3"), "d.yaml"))
    assert new_image.models["v2"].model_name != first.models["v2"].model_name
    # a new model names a new config too: its variant names the model
    assert new_image.config.endpoint_config_name != first.config.endpoint_config_name
    # deployment settings are not part of what the config is
    calmer = read_spec(_write(tmp_path, SPEC.replace("600", "300"), "e.yaml"))
    assert calmer.config.endpoint_config_name == first.config.endpoint_config_name


@pytest.mark.parametrize("endpoint", ["a", "x" * 63, "a-" * 31 + "b", "e" * 52 + "-x"])
def test_derived_names_fit_aws_s_name_pattern(endpoint: str) -> None:
    name = derived_name(endpoint, {"any": "content"})
    assert len(name) <= 63
    assert re.fullmatch(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", name)
    assert name == derived_name(endpoint, {"any": "content"})
    assert name != derived_name(endpoint, {"any": "other"})


def test_a_variant_naming_no_model_of_the_file_is_refused_at_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, SPEC.replace("ModelName: v2", "ModelName: v3"))
    assert _problems(path) == [
        f"{path}:13: config.ProductionVariants[0].ModelName: 'v3' is not a model of this file (v2)"
    ]


def test_strict_checks_name_the_file_s_place_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, SPEC.replace("ml.m5.large", "ml.m5.huge").replace("Value: 1}", "Value: 0}")
    )
    problems = _problems(path)
    assert problems[0].startswith(f"{path}:14: config.ProductionVariants[0].InstanceType: ")
    assert "'ml.m5.huge' is not a value of ProductionVariantInstanceType" in problems[0]
    assert problems[1].startswith(
        f"{path}:21: deployment.DeploymentConfig.BlueGreenUpdatePolicy."
        "TrafficRoutingConfiguration.CanarySize.Value: "
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s.replace("name: churn", "nmae: churn"), "nmae: unknown key"),
        (
            lambda s: s.replace("  RetainDeploymentConfig", "  RetainDeploymentConfg"),
            "deployment.RetainDeploymentConfg: unknown key",
        ),
        (
            lambda s: s.replace("  v2:\n", "  v2:\n    ModelName: mine\n"),
            "models.v2.ModelName: is derived from the model",
        ),
        (lambda s: s.replace("name: churn", "name: churn_2"), "name: 'churn_2' does not match"),
        (
            lambda s: s.replace("{Key: team, Value: ml}", "{Key: team}"),
            "tags[0].Value: required member is missing",
        ),
    ],
    ids=["top key", "deployment key", "model name given", "endpoint name", "tag"],
)
def test_each_problem_is_named(tmp_path: Path, change: Any, expected: str) -> None:
    problems = _problems(_write(tmp_path, change(SPEC)))
    assert any(expected in p for p in problems), problems


def test_what_is_not_a_spec_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "name: churn\n")
    assert _problems(path) == [
        f"{path}:1: models: at least one model is required, by a local name",
        f"{path}:1: config: the endpoint config is required (CreateEndpointConfig)",
    ]


def test_a_variant_of_a_model_with_problems_names_only_the_model_s(tmp_path: Path) -> None:
    path = _write(tmp_path, SPEC.replace(f"ExecutionRoleArn: {ROLE}", "ExecutionRoleArn: role"))
    assert _problems(path) == [
        f"{path}:9: models.v2.ExecutionRoleArn: 'role' is shorter than 20 characters"
    ]


def test_a_wrong_name_is_said_once(tmp_path: Path) -> None:
    # the names derived from it would be wrong too: not said again
    path = _write(tmp_path, SPEC.replace("name: churn", "name: churn_eu"))
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:1: name: 'churn_eu' does not match")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda s: s.replace("    ExecutionRoleArn", "    Tags: 3\n    ExecutionRoleArn"),
            "models.v2.Tags: 3 is not a list of tags",
        ),
        (
            lambda s: s.replace("      ModelName: v2", "      ModelName: [v2]"),
            "config.ProductionVariants[0].ModelName: ",
        ),
        (
            lambda s: s.replace("  ProductionVariants:", "  Tags: {a: b}\n  ProductionVariants:"),
            "config.Tags: {'a': 'b'} is not a list of tags",
        ),
    ],
    ids=["model tags", "variant model", "config tags"],
)
def test_values_of_the_wrong_kind_are_named(tmp_path: Path, change: Any, expected: str) -> None:
    problems = _problems(_write(tmp_path, change(SPEC)))
    assert any(expected in p for p in problems), problems


def test_endpoints_whose_names_share_the_stem_get_names_of_their_own(tmp_path: Path) -> None:
    stem = "fraud-detection-realtime-scoring-service-production"
    east = read_spec(_write(tmp_path, SPEC.replace("name: churn", f"name: {stem}-us-east-1")))
    west = read_spec(_write(tmp_path, SPEC.replace("name: churn", f"name: {stem}-eu-west-1")))
    assert east.config.endpoint_config_name != west.config.endpoint_config_name
    assert east.models["v2"].model_name != west.models["v2"].model_name


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda s: s.replace(
                "{Key: team, Value: ml}", "{Key: team, Value: ml}\n  - {Key: team, Value: ai}"
            ),
            "tags[1].Key: 'team' is given twice",
        ),
        (
            lambda s: s.replace(
                "    ExecutionRoleArn",
                "    Tags: [{Key: 'botoshapes:deploy', Value: x}]\n    ExecutionRoleArn",
            ),
            "models.v2.Tags[0].Key: 'botoshapes:deploy' is written by botoshapes deploy",
        ),
    ],
    ids=["twice", "reserved"],
)
def test_tag_keys_are_given_once_and_never_the_tool_s(
    tmp_path: Path, change: Any, expected: str
) -> None:
    problems = _problems(_write(tmp_path, change(SPEC)))
    assert any(expected in p for p in problems), problems
