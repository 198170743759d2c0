from botoshapes.sagemaker import CapacitySize

CapacitySize(type="CAPACITY_PERCENT")
