"""The pure core: document model, editing operations, aligner, storage, evaluation.

Nothing in this package imports the UI (textual), the CLI, or click; an import-linter
contract in pyproject.toml checks that on every test run.
"""
