"""Where workbench keeps caches (converted models, embeddings, parsed documents)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """The cache folder: $WORKBENCH_CACHE, else the XDG/platform user cache folder."""
    import platformdirs

    return Path(os.environ.get("WORKBENCH_CACHE") or platformdirs.user_cache_dir("workbench"))
