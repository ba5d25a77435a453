"""Entry point for ``python -m sicheck``."""

from sicheck.cli import main

main()
