"""Where extraction runs: in this process, in N local processes (local.py) or on a Ray cluster (ray.py).

Every engine hands back, in input order, one Document or one error message per article; the store stays the
only writer, so results do not depend on the engine.
"""
