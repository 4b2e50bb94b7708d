"""One module per ``calctutor`` sub-command: ``add_arguments(parser)`` and ``run(args) -> int``."""
