"""An endpoint config with several variants, as an application would write it."""

from botoshapes.sagemaker import (
    CaptureMode,
    CaptureOption,
    CreateEndpointConfigInput,
    DataCaptureConfig,
    ProductionVariant,
    ProductionVariantInstanceType,
    ProductionVariantServerlessConfig,
    Tag,
)

variants = [
    ProductionVariant(
        variant_name="blue",
        model_name="model-a",
        instance_type="ml.m5.large",  # a plain string value of the enum
        initial_instance_count=2,
        initial_variant_weight=0.9,
    ),
    ProductionVariant(
        variant_name="green",
        model_name="model-b",
        instance_type=ProductionVariantInstanceType.ML_G5_XLARGE,  # or the member
        initial_instance_count=1,
        initial_variant_weight=0.1,
    ),
    ProductionVariant(
        variant_name="serverless",
        model_name="model-c",
        serverless_config=ProductionVariantServerlessConfig(
            memory_size_in_mb=2048, max_concurrency=5
        ),
    ),
]

config = CreateEndpointConfigInput(
    endpoint_config_name="prod-config",
    production_variants=variants,
    data_capture_config=DataCaptureConfig(
        initial_sampling_percentage=20,
        destination_s3_uri="s3://bucket/capture",
        capture_options=[
            CaptureOption(capture_mode=CaptureMode.INPUT),
            CaptureOption(capture_mode="Output"),
        ],
        enable_capture=True,
    ),
    tags=[Tag(key="team", value="ml")],
)

request: dict[str, object] = config.to_boto()
first: ProductionVariant = config.production_variants[0]
weights: list[float | None] = [v.initial_variant_weight for v in config.production_variants]
