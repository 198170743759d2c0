"""tests/typing/valid/builders.py, written against types-boto3-sagemaker (no builders: dicts)."""

from types_boto3_sagemaker.type_defs import ProductionVariantTypeDef, TrafficRoutingConfigTypeDef

variant: ProductionVariantTypeDef = {
    "VariantName": "blue",
    "ModelName": "model-a",
    "InstanceType": "ml.m5.large",
    "InitialInstanceCount": 2,
}

bigger: ProductionVariantTypeDef = {**variant, "InitialInstanceCount": 4}

routing: TrafficRoutingConfigTypeDef = {
    "Type": "CANARY",
    "WaitIntervalInSeconds": 600,
    "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10},
}
