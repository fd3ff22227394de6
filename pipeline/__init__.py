"""Cooperation and tension claims between political actors, from news articles to JSONL."""

import os

# torch's OpenMP threads otherwise spin between operations, taking a core from
# the spaCy work interleaved with them (and from other workers); set before
# anything imports torch. Results are the same either way.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
