"""Rehearse endpoint deployments locally: moto's SageMaker, with endpoints that take time.

``pip install 'botoshapes-sagemaker[local]'`` brings moto. Then::

    with local_sagemaker() as url:
        sm = SageMakerClient.create(endpoint_url=url, region_name="us-east-1")
        ...   # create, update, watch, roll back: over real HTTP, no AWS account

What the server adds to moto (everything else is moto's):

- ``CreateEndpoint``: ``Creating`` for the provisioning time, then ``InService``.
- ``UpdateEndpoint``: checked as AWS checks it (the request's constraints and
  the deployment rules: ``ValidationException``; an endpoint not
  ``InService`` refuses it), then played step by step as
  :func:`~botoshapes.sagemaker.deploy.plan_deployment` plans it: ``Updating``,
  ``PendingDeploymentSummary`` with each new variant's ``VariantStatus``
  (``Creating``, ``ActivatingTraffic``, ``Baking``, ``Deleting``), the live
  variants' weights and instance counts moving, ``LastDeploymentConfig``,
  and ``InService`` on the new config at the end.
- Auto-rollback: an alarm of ``AutoRollbackConfiguration`` in ``ALARM`` (the
  same server's CloudWatch: ``put_metric_alarm``, ``set_alarm_state``)
  during a bake, a provisioning failure, or ``MaximumExecutionTimeoutInSeconds``
  running out: the endpoint stays ``Updating`` while traffic goes back and
  the old instances return (AWS documents ``RollingBack`` only for
  ``UpdateEndpointWeightsAndCapacities``), then ``InService`` on the old
  config with a ``FailureReason`` (``UpdateRollbackFailed`` if the rollback
  cannot provision the old instances). ``local_sagemaker(explain_rollbacks=False)``
  leaves ``FailureReason`` empty, as AWS may.
- ``UpdateEndpointWeightsAndCapacities``: ``Updating`` for the provisioning
  time, then ``InService`` with the new weights and counts (``RollingBack``
  if the new instances cannot be provisioned).
- Failing on purpose: a model whose image URI contains ``fail-provisioning``
  cannot be provisioned (a new endpoint goes ``Failed``, an update rolls
  back); ``fail-provisioning-after-N``: the first N instances of that model
  on this server come up, later ones fail.

- ``CreateModel`` and ``CreateEndpointConfig`` refuse a name in use, as AWS
  does ("Cannot create already existing ..."); moto would replace the resource.
- Service Quotas: ``local_sagemaker(quotas={"ml.m5.large": 4})`` lists
  SageMaker's "ml.m5.large for endpoint usage" quota (moto has none of SageMaker's).

Time: ``time_scale`` simulated seconds pass per real second (default
:data:`DEFAULT_TIME_SCALE`); timestamps the server reports are on the
simulated clock. The server plays its deployments when it is asked
(any SageMaker request), so nothing runs between requests.
"""

from __future__ import annotations

try:
    import moto as _moto  # noqa: F401
except ModuleNotFoundError as missing:
    raise ModuleNotFoundError(
        "botoshapes.sagemaker.local needs moto: pip install 'botoshapes-sagemaker[local]'",
        name=missing.name,
    ) from missing

from .responses import FAIL_MARK
from .server import DEFAULT_TIME_SCALE, MOTO_VERSION, local_sagemaker

__all__ = ["DEFAULT_TIME_SCALE", "FAIL_MARK", "MOTO_VERSION", "local_sagemaker"]
