"""The console script: answers ``--version`` before loading the command line, then hands over.

CI and editors call ``sicheck --version`` to see what is installed; it needs nothing but
the version string, so it does not pay for typer. Everything else goes to `sicheck.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from sicheck import __version__

        sys.stdout.write(f"sicheck {__version__}\n")
        return
    from sicheck.cli import main as run

    run()
