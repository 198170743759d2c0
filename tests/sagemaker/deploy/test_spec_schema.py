"""``botoshapes schema EndpointSpec``: the JSON Schema editors check spec files with,
tried with a JSON Schema validator on the example files and on broken ones."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from botoshapes.sagemaker.deploy import read_spec
from botoshapes.sagemaker.deploy.cli import main
from botoshapes.sagemaker.deploy.spec import DEPLOYMENT_KEYS

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples" / "deploy"


def _for_python(node: Any) -> Any:
    """The schema without the patterns Python's re cannot run (ECMA-262's ``\\p{L}``, in tag
    values): those are left to the models, which check them."""
    if isinstance(node, dict):
        return {
            k: _for_python(v)
            for k, v in node.items()
            if not (k == "pattern" and isinstance(v, str) and "\\p{" in v)
        }
    if isinstance(node, list):
        return [_for_python(v) for v in node]
    return node


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["schema", "EndpointSpec"]) == 0
    out: dict[str, Any] = json.loads(buffer.getvalue())
    return out


def _errors(schema: dict[str, Any], data: Any) -> list[tuple[str, str]]:
    found = jsonschema.Draft202012Validator(_for_python(schema)).iter_errors(data)
    return sorted((e.json_path, e.message) for e in found)


@pytest.mark.parametrize("name", ["churn-v1.yaml", "churn-v2.yaml", "llm-v1.yaml", "llm-v2.yaml"])
def test_the_examples_are_valid(schema: dict[str, Any], name: str) -> None:
    assert _errors(schema, yaml.safe_load((EXAMPLES / name).read_text())) == []


def test_what_the_spec_refuses_the_schema_refuses(schema: dict[str, Any]) -> None:
    data = yaml.safe_load((EXAMPLES / "churn-v2.yaml").read_text())
    data["models"]["v2"]["ModelName"] = "named"  # derived, never written
    data["config"]["EndpointConfigName"] = "named"
    data["config"]["ProductionVariants"][0]["InstanceType"] = "ml.m5.huge"
    data["deployment"]["EndpointName"] = "other"  # the spec's name says it
    data["extra"] = 1
    paths = [path for path, _ in _errors(schema, data)]
    assert paths == [
        "$",
        "$.config",
        "$.config.ProductionVariants[0].InstanceType",
        "$.deployment",
        "$.models.v2",
    ]


def test_variants_name_a_model_by_its_key(schema: dict[str, Any]) -> None:
    data = yaml.safe_load((EXAMPLES / "churn-v1.yaml").read_text())
    data["models"] = {"main_v1": data["models"]["v1"]}  # a key no model name could be
    data["config"]["ProductionVariants"][0]["ModelName"] = "main_v1"
    assert _errors(schema, data) == []
    assert set(schema["properties"]["deployment"]["properties"]) == DEPLOYMENT_KEYS


def test_the_worked_example_names_what_its_files_name() -> None:
    """The walk-through quotes derived names: they are still the files' (a change of how
    names are derived must bring the example up to date)."""
    walk = (EXAMPLES / "README.md").read_text()
    readme = (EXAMPLES.parents[2] / "README.md").read_text()
    v1, v2 = (read_spec(str(EXAMPLES / f"churn-v{n}.yaml")) for n in (1, 2))
    for spec, model in ((v1, "v1"), (v2, "v2")):
        assert spec.config.endpoint_config_name in walk
        assert spec.models[model].model_name in walk
    assert f"UpdateEndpoint churn to {v2.config.endpoint_config_name}" in readme
    assert f"serving {v1.config.endpoint_config_name}" in readme


def test_the_components_example_names_what_its_files_name() -> None:
    walk = (EXAMPLES / "README.md").read_text()
    v1, v2 = (read_spec(str(EXAMPLES / f"llm-v{n}.yaml")) for n in (1, 2))
    assert f"deleted model {v1.models['qwen3-8b'].model_name}" in walk
    assert f"created {v2.models['gpt-oss-20b'].model_name}" in walk
    assert f"in service on {v1.config.endpoint_config_name}" in walk
    assert v1.config.endpoint_config_name == v2.config.endpoint_config_name  # unchanged


def test_a_component_is_checked_as_the_spec_reads_it(schema: dict[str, Any]) -> None:
    data = yaml.safe_load((EXAMPLES / "llm-v1.yaml").read_text())
    data["components"]["chat"]["InferenceComponentName"] = "named"  # the key names it
    data["components"]["chat"]["RuntimeConfig"]["CopyCount"] = -1
    data["components"]["chat"]["DeploymentConfig"]["RollingUpdatePolicy"].pop(
        "WaitIntervalInSeconds"
    )
    clean = yaml.safe_load((EXAMPLES / "llm-v1.yaml").read_text())["components"]["chat"]
    data["components"]["Chat_bad name"] = clean  # not a component's name
    paths = {path for path, _ in _errors(schema, data)}
    assert paths == {
        "$.components",
        "$.components.chat",
        "$.components.chat.RuntimeConfig.CopyCount",
        "$.components.chat.DeploymentConfig.RollingUpdatePolicy",
    }
