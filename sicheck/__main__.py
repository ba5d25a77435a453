"""Entry point for ``python -m sicheck``."""

from sicheck.entry import main

main()
