from botoshapes.sagemaker import SageMakerClient

SageMakerClient.create().create_endpoint(endpoint_name="prod")
