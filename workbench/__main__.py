"""``python -m workbench ...``: the same program as the ``workbench`` script."""

from .launcher import main

if __name__ == "__main__":  # pragma: no cover
    main()
