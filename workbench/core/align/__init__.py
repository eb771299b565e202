"""The sentence aligner: scoring, banded DP, two passes, constrained re-alignment."""

from .config import AlignConfig
from .engine import Proposal, align_vectors
from .realign import align_sides, align_texts, realign, unconfirmed_stretches
from .warm import warm_up

__all__ = ["AlignConfig", "Proposal", "align_vectors", "align_sides", "align_texts", "realign",
           "unconfirmed_stretches", "warm_up"]
