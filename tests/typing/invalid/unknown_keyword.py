from botoshapes.sagemaker import ProductionVariant

ProductionVariant(variant_name="a", instance_count=2)
