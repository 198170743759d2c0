"""The rules only the live state can decide: an endpoint's status, its quotas, its alarms.

Levels follow AWS's words as :mod:`.rules` does: ``error`` where AWS states that the
operation cannot run or fails; ``warning`` where it is silent or advises. Where AWS is
silent the rule says which reading it takes: the one that refuses nothing AWS accepts.
"""

from __future__ import annotations

from botoshapes._runtime.rules import Rule

_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
_GUIDE = "https://docs.aws.amazon.com/sagemaker/latest/dg/"

ENDPOINT_BUSY = Rule(
    "endpoint-busy",
    "error",
    "the endpoint is in a status that takes no update until it ends",
    _API + "API_DescribeEndpoint.html",
    "SystemUpdating: Endpoint is undergoing maintenance and cannot be updated or deleted or"
    " re-scaled until it has completed. [...] UpdateRollbackFailed: Both the rolling deployment"
    " and auto-rollback failed. Your endpoint is in service with a mix of the old and new"
    " endpoint configurations. (AWS answers an update of an endpoint being created or updated:"
    ' "Cannot update in-progress endpoint")',
)
CONFIG_DELETED = Rule(
    "endpoint-config-deleted",
    "warning",
    "the config the endpoint runs was deleted (AWS does not say that an update then fails;"
    " users report that it does: terraform-provider-aws #40048)",
    _API + "API_UpdateEndpoint.html",
    "You must not delete an EndpointConfig in use by an endpoint that is live or while the"
    " UpdateEndpoint or CreateEndpoint operations are being performed on the endpoint.",
)
QUOTA_EXCEEDED = Rule(
    "quota-exceeded",
    "error",
    "the plan's peak instances of a type, with what the account's other endpoints run, pass"
    ' its "for endpoint usage" quota (a blue/green update runs both fleets at once)',
    _GUIDE + "deployment-guardrails-blue-green.html",
    "SageMaker AI provisions a new fleet with the updates (the green fleet). [...] (API"
    " reference, ResourceLimitExceeded: You have exceeded an SageMaker resource limit.)",
)
NOT_READ = Rule(
    "not-read",
    "warning",
    "a part of the live state could not be read: the rules that need it did not run",
    "botoshapes",
)
ALARM_MISSING = Rule(
    "alarm-missing",
    "warning",
    "a rollback alarm does not exist: it cannot trip, and nothing rolls back on it (AWS does"
    " not say whether it refuses the update: not refused)",
    _API + "API_AutoRollbackConfig.html",
    "List of CloudWatch alarms in your account that are configured to monitor metrics on an"
    " endpoint. If any alarms are tripped during a deployment, SageMaker rolls back the"
    " deployment.",
)
ALARM_IN_ALARM = Rule(
    "alarm-in-alarm",
    "warning",
    "a rollback alarm is in ALARM now: unless it clears, the deployment rolls back at its"
    " first bake",
    _API + "API_AutoRollbackConfig.html",
    "If any alarms are tripped during a deployment, SageMaker rolls back the deployment.",
)
ROLLED_BACK_BEFORE = Rule(
    "rolled-back-before",
    "error",
    "this spec's config was deployed before and rolled back: applying it again needs"
    " --retry-failed (retry_failed=True)",
    "botoshapes",
)
REPLACE_NEEDS_CONSENT = Rule(
    "replace-needs-consent",
    "error",
    "the change needs the endpoint deleted and created again, which interrupts its traffic:"
    " it is done only with --allow-replace (allow_replace=True)",
    "botoshapes",
)
STALE_PLAN = Rule(
    "stale-plan",
    "error",
    "the endpoint, or the spec the plan holds, changed since the plan was saved: plan again",
    "botoshapes",
)
COMPONENT_MOVES = Rule(
    "component-moves",
    "error",
    "an inference component's endpoint and variant are set when it is created:"
    " UpdateInferenceComponent takes neither (its members are InferenceComponentName,"
    " Specification, Specifications, RuntimeConfig and DeploymentConfig); delete it and"
    " create it again",
    _API + "API_CreateInferenceComponent.html",
    "EndpointName: The name of an existing endpoint where you host the inference component."
    " VariantName: The name of an existing production variant where you host the inference"
    " component.",
)
REPLACE_WITH_COMPONENTS = Rule(
    "replace-with-components",
    "error",
    "the endpoint would be replaced (deleted and created again) while it hosts inference"
    " components: AWS does not say what becomes of them; botoshapes does not replace it (delete"
    " the components first, or change what needs the replacement)",
    "botoshapes",
)
CANNOT_PLAN = Rule(
    "cannot-plan",
    "error",
    "the change cannot be planned (more steps than any endpoint could need): nothing is sent",
    "botoshapes",
)
