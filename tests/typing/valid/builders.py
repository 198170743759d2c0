"""Builders: one typed method per member, build() validates."""

from botoshapes.sagemaker import CapacitySize, ProductionVariant, TrafficRoutingConfig

variant: ProductionVariant = (
    ProductionVariant.builder()
    .variant_name("blue")
    .model_name("model-a")
    .instance_type("ml.m5.large")
    .initial_instance_count(2)
    .build()
)

bigger: ProductionVariant = variant.to_builder().initial_instance_count(4).build()

routing = (
    TrafficRoutingConfig.builder()
    .type("CANARY")
    .wait_interval_in_seconds(600)
    .canary_size(CapacitySize(type="CAPACITY_PERCENT", value=10))
    .build()
)
