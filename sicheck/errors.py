"""Problems with sicheck's own inputs (options, configuration, criteria files): exit code 2.

Problems *in applications* are never exceptions; they are `Problem` values.
"""

from __future__ import annotations

from sicheck.i18n import Text, msg, suggestion


class SicheckError(Exception):
    """The one base class the command line turns into exit code 2."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message

    def __reduce__(self) -> tuple[object, ...]:
        # Subclasses take other arguments; rebuild as the base class, message intact, so
        # the error crosses from a worker process to the main one.
        return (SicheckError, (self.message,))


class UnknownCriteriaError(SicheckError):
    """A criteria set that no folder has: the message lists those there are."""

    def __init__(self, spec: str, known: list[str]) -> None:
        hint = suggestion(spec, known + sorted({k.partition("@")[0] for k in known}))
        super().__init__(msg("unknown-criteria", spec=spec, suggestion=hint, known=", ".join(known) or "-"))
        self.spec = spec
        self.known = known


class CriteriaError(SicheckError):
    """A criteria file that cannot be read or breaks the meta-schema."""

    def __init__(self, file: str, line: int, column: int, problem: Text) -> None:
        super().__init__(msg("criteria-broken", file=file, line=line, column=column, problem=problem))
        self.file = file
        self.line = line
        self.column = column


class UsageError(SicheckError):
    """A bad command line: a missing path, an unwritable output file."""
