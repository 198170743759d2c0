"""The hand-written toolkit and runtime, imported at their own paths: both checkers read
their source (``src/``) through the editable install, as an editor does."""

from typing import assert_type

from botoshapes._runtime.contract import ShapeTraits
from botoshapes._runtime.model import ShapeModel
from botoshapes.sagemaker import ProductionVariant, UpdateEndpointInput
from botoshapes.sagemaker.deploy import Finding, check_deployment
from botoshapes.sagemaker.deploy.plan import DeploymentPlan, plan_deployment

request = UpdateEndpointInput(endpoint_name="churn", endpoint_config_name="churn-v2")
findings = check_deployment(request)
assert_type(findings, tuple[Finding, ...])
levels = [finding.level for finding in findings]
planner = plan_deployment
plan: DeploymentPlan | None = None
traits = ProductionVariant.shape_traits
assert_type(traits, ShapeTraits)
sensitive: tuple[str, ...] = traits.sensitive
base: type[ShapeModel] = ProductionVariant
