"""The console script: answers ``--version`` before loading the command line, then hands over.

CI and editors call ``sicheck --version`` to see what is installed; it needs nothing but
the version string, so it does not pay for typer. Everything else goes to `sicheck.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"] and sys.stdout is not None:
        from sicheck import __version__

        try:
            sys.stdout.write(f"sicheck {__version__}\n")
            sys.stdout.flush()
            return
        except OSError:
            pass  # closed or broken: the full command line says so, with an exit code
    from sicheck.cli import main as run

    run()
