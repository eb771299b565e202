"""The review area: flags, the flags panel, QA proposals, the MQM score."""
