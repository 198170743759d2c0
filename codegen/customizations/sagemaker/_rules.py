"""SageMaker's request rules, found by the runtime (``botoshapes._runtime.rules``)."""

from __future__ import annotations

from .deploy.rules import REQUEST_RULES

__all__ = ["REQUEST_RULES"]
