from botoshapes.sagemaker import SageMakerClient

SageMakerClient.create().describe_endpoint(endpoint_name=42)
