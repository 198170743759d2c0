"""Deploy an endpoint, update it under a canary policy, watch a rollback, clean up.

    python -m demo --local                 # a local SageMaker (moto, extended), no AWS account
    python -m demo --region eu-west-1 \\
        --role-arn arn:aws:iam::123456789012:role/SageMakerRole \\
        --image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/model:latest
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from contextlib import ExitStack

import boto3
from botocore.config import Config

from botoshapes.sagemaker import SageMakerClient

from .components import components
from .desired_state import desired_state
from .steps import Demo

LOCAL_ROLE = "arn:aws:iam::123456789012:role/SageMakerRole"
LOCAL_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/demo-model:1"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__.splitlines()[0])
    parser.add_argument("--local", action="store_true", help="run against an embedded moto server")
    parser.add_argument("--region", help="AWS region (required without --local)")
    parser.add_argument("--role-arn", help="execution role of the model (AWS only)")
    parser.add_argument("--image", help="inference image URI (AWS only)")
    parser.add_argument("--name", default="botoshapes-demo", help="prefix of what is created")
    args = parser.parse_args(argv)
    if not args.local and not (args.region and args.role_arn and args.image):
        parser.error("give --local, or --region, --role-arn and --image to use AWS")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    with ExitStack() as stack:
        if args.local:
            from botoshapes.sagemaker.local import local_sagemaker  # noqa: PLC0415

            # the local server takes any credentials; these keep boto3 from looking for real ones
            os.environ.setdefault("AWS_ACCESS_KEY_ID", "demo")
            os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "demo")
            url = stack.enter_context(local_sagemaker(quotas={"ml.m5.large": 20}))
            config = Config(retries={"total_max_attempts": 1})
            sm = SageMakerClient.create(region_name="us-east-1", endpoint_url=url, config=config)
            alarms = boto3.client(
                "cloudwatch", region_name="us-east-1", endpoint_url=url, config=config
            )
            print(
                f"SageMaker: botoshapes.sagemaker.local at {url} (moto, with endpoint "
                "deployments on a clock 1,000x faster; nothing reaches AWS)\n"
            )
            demo = Demo(
                sm,
                args.name,
                LOCAL_ROLE,
                LOCAL_IMAGE,
                local=True,
                alarms=alarms,
            )
            demo.run()
            # last: a rehearsal's own local server empties this one's resources on start
            desired_state(url, args.name, LOCAL_ROLE, LOCAL_IMAGE, alarms)
            components()
            return 0
        sm = SageMakerClient.create(region_name=args.region)
        print(f"SageMaker: AWS, region {args.region}\n")
        demo = Demo(sm, args.name, args.role_arn, args.image, local=False)
        demo.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
