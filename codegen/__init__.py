"""The botoshapes generator: AWS service shapes in, a typed Python SDK out."""
