from botoshapes.sagemaker import DescribeEndpointOutput

endpoint = DescribeEndpointOutput.from_response({})
first_weight: float = endpoint.production_variants[0].current_weight
