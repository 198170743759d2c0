"""The deployment toolkit: check an endpoint update against AWS's rules, and plan it.

- :func:`check_deployment`: every rule a request breaks, as :class:`Finding`\\ s
  (the ones that need only the request also run in strict validation).
- :func:`plan_deployment`: the steps, traffic, peak instances and time of an
  update (or a creation), as an immutable :class:`DeploymentPlan`;
  :func:`render_plan`, :meth:`DeploymentPlan.to_json` (text) and
  :meth:`DeploymentPlan.to_dict` show it; :class:`PlanError` where AWS documents
  that the update cannot run.
- Autoscaled variants: pass Application Auto Scaling's ``DescribeScalableTargets``
  response as ``scalable_targets`` (:mod:`.autoscaling`).
- ``SageMakerClient.update_endpoint(..., preflight=True)`` checks against the
  endpoint's state before sending (:class:`DeploymentCheckError`).
- :func:`read_spec`: an endpoint's desired state in one file (models, config,
  deployment), read into the requests that make it, names derived from content
  (:class:`EndpointSpec`; :class:`SpecError` names file, line and place).
- :func:`plan_endpoint`: a spec against what AWS holds (read-only calls through
  :class:`Clients`): the field-level :class:`Change` and its kind, the findings
  the live state adds (status, quotas, alarms), the steps (:class:`EndpointPlan`).
- :func:`apply_spec`: make it so, follow it, clean up what nothing uses; an
  :class:`Outcome` whatever happened (a rollback is never a success), each step
  an :class:`ApplyEvent`.

Nothing here imports boto3.
"""

from __future__ import annotations

from .apply import ApplyEvent, Outcome, apply_spec
from .autoscaling import ScalableVariant
from .change import Change, Difference
from .check import Finding, check_deployment
from .live import Clients, LiveState, read_live
from .plan import (
    DEFAULT_PROVISIONING_SECONDS,
    DeploymentPlan,
    Fleet,
    PlanError,
    Rollback,
    Step,
    plan_deployment,
)
from .planning import EndpointPlan, plan_against, plan_endpoint, render_endpoint_plan
from .preflight import DeploymentCheckError, DeploymentWarning
from .render import render_findings, render_plan
from .rules import RULES
from .spec import MANAGED_TAG, EndpointSpec, SpecError, read_spec

__all__ = [
    "DEFAULT_PROVISIONING_SECONDS",
    "MANAGED_TAG",
    "RULES",
    "ApplyEvent",
    "Change",
    "Clients",
    "DeploymentCheckError",
    "DeploymentPlan",
    "DeploymentWarning",
    "Difference",
    "EndpointPlan",
    "EndpointSpec",
    "Finding",
    "Fleet",
    "LiveState",
    "Outcome",
    "PlanError",
    "Rollback",
    "ScalableVariant",
    "SpecError",
    "Step",
    "apply_spec",
    "check_deployment",
    "plan_against",
    "plan_deployment",
    "plan_endpoint",
    "read_live",
    "read_spec",
    "render_endpoint_plan",
    "render_findings",
    "render_plan",
]
