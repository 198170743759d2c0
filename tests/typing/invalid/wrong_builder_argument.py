from botoshapes.sagemaker import TrafficRoutingConfig

TrafficRoutingConfig.builder().type("CANARY").wait_interval_in_seconds("600").build()
