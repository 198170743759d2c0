from botoshapes.sagemaker import InstancePool, ProductionVariant

variant = ProductionVariant(variant_name="a", instance_pools=[])
variant.initial_instance_count = 3
if variant.instance_pools is not None:
    variant.instance_pools.append(InstancePool(instance_type="ml.m5.large", priority=1))
