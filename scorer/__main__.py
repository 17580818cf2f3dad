"""``python -m scorer``: the same as the ``scorer`` command."""
from .cli import cli

cli(prog_name="scorer")
