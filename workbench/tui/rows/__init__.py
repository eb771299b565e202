"""The rows area: the aligned view, editing the alignment and the sentences, the model."""
