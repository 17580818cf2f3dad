"""Exceptions raised by the library; each message says what is wrong and what to do."""


class ScorerError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(ScorerError):
    """An input file or text cannot be used (missing, empty, binary, not UTF-8...)."""


class DataFormatError(InputError):
    """A labelled-document JSONL file breaks the format of the labelling guide."""


class ModelError(ScorerError):
    """A model directory is missing, incomplete, tampered with or built by another version."""
