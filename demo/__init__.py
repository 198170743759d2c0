"""``nox -s demo``: a canary deployment through the typed facade, locally or on AWS."""
