"""Service Quotas on the local server: SageMaker's "for endpoint usage" quotas, as given.

The moto release this server extends knows the quotas of ``vpc`` only and lacks
``ListServiceQuotas``. The local server answers ``ListServiceQuotas`` and
``ListAWSDefaultServiceQuotas`` for service code ``sagemaker`` with one quota per instance
type it was given (``local_sagemaker(quotas={"ml.m5.large": 4})``), named as AWS names them
("ml.m5.large for endpoint usage"); every other request is moto's.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from typing import Any, ClassVar

from moto.servicequotas.responses import ServiceQuotasResponse

from botoshapes.sagemaker.deploy.live import QUOTA_NAME, QUOTA_SERVICE


class LocalServiceQuotasResponse(ServiceQuotasResponse):
    """moto's Service Quotas, with SageMaker's endpoint quotas of one local server."""

    quotas: ClassVar[Mapping[str, float]]
    """Set on the subclass each server makes for itself: the value by instance type."""

    def _sagemaker(self) -> bool:
        return bool(json.loads(self.body or "{}").get("ServiceCode") == QUOTA_SERVICE)

    def _listed(self) -> str:
        return json.dumps({"Quotas": [self._quota(k, v) for k, v in sorted(self.quotas.items())]})

    def _quota(self, instance_type: str, value: float) -> dict[str, Any]:
        code = f"L-LOCAL{zlib.crc32(instance_type.encode()) % 10**6:06d}"
        return {
            "ServiceCode": QUOTA_SERVICE,
            "ServiceName": "Amazon SageMaker",
            "QuotaArn": f"arn:aws:servicequotas:{self.region}:{self.current_account}:"
            f"{QUOTA_SERVICE}/{code}",
            "QuotaCode": code,
            "QuotaName": QUOTA_NAME.format(instance_type),
            "Value": value,
            "Unit": "None",
            "Adjustable": True,
            "GlobalQuota": False,
        }

    def list_service_quotas(self) -> str:
        if self._sagemaker():
            return self._listed()
        return json.dumps({"Quotas": []})  # moto lacks it: no applied quota of any other

    def list_aws_default_service_quotas(self) -> str:
        if self._sagemaker():
            return self._listed()
        return super().list_aws_default_service_quotas()
