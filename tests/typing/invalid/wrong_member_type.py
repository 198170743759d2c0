from botoshapes.sagemaker import ProductionVariant

ProductionVariant(variant_name="a", initial_instance_count="2")
