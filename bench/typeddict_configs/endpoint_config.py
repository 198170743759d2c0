"""tests/typing/valid/endpoint_config.py, written against types-boto3-sagemaker."""

from types_boto3_sagemaker.type_defs import (
    CreateEndpointConfigInputTypeDef,
    ProductionVariantTypeDef,
)

variants: list[ProductionVariantTypeDef] = [
    {
        "VariantName": "blue",
        "ModelName": "model-a",
        "InstanceType": "ml.m5.large",
        "InitialInstanceCount": 2,
        "InitialVariantWeight": 0.9,
    },
    {
        "VariantName": "green",
        "ModelName": "model-b",
        "InstanceType": "ml.g5.xlarge",
        "InitialInstanceCount": 1,
        "InitialVariantWeight": 0.1,
    },
    {
        "VariantName": "serverless",
        "ModelName": "model-c",
        "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5},
    },
]

config: CreateEndpointConfigInputTypeDef = {
    "EndpointConfigName": "prod-config",
    "ProductionVariants": variants,
    "DataCaptureConfig": {
        "InitialSamplingPercentage": 20,
        "DestinationS3Uri": "s3://bucket/capture",
        "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
        "EnableCapture": True,
    },
    "Tags": [{"Key": "team", "Value": "ml"}],
}

request: dict[str, object] = dict(config)
first: ProductionVariantTypeDef = variants[0]
weights: list[float | None] = [v.get("InitialVariantWeight") for v in variants]
