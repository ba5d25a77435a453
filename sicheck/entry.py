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
    import gc

    # Importing the command line allocates a great deal and frees almost nothing, so the
    # collector's passes over it are wasted work (a tenth of a one-file check). What was
    # imported lives as long as the process: it is set aside, out of every later pass.
    gc.disable()
    try:
        from sicheck.cli import main as run
    finally:
        gc.freeze()
        gc.enable()
    run()
