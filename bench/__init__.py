"""``nox -s bench``: botoshapes against sagemaker-core, botocore and types-boto3-sagemaker.

A benchmark, not a test: it prints a table and can write ``docs/benchmarks.md``.
Nothing here asserts a timing.
"""
