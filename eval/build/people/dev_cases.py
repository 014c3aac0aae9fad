from labels import case  # noqa: F401

CASES = []
