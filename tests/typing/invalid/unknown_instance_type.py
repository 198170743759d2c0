from botoshapes.sagemaker import ProductionVariant

ProductionVariant(variant_name="a", instance_type="ml.m5.enormous")
