"""The one format protocol: a format is a module with a pure ``render(value, *, lang, color, width) -> str``.

The check formats (`sicheck.render`) render a `Report`, the call report's formats
(`sicheck.report`) a `CallReport`; both keep a `Formats` registry of this one kind. A
registry maps each format's name to its module, imported only when the format is used,
so the command line can build its ``--format`` choices from it at start-up for free.

A check format may also stream: ``head(*, version, …)``, ``item(result, *, index, …)`` and
``tail(summary, *, policy, …)`` render one application at a time, in the worker that
checked it, so memory stays flat however many files a call has.

A format that needs every result first (a total at the top, a ranking) may still give
its text in pieces: ``chunks(value, *, lang, color, width)`` yields it part by part (its
``render`` joins them), so the whole text never has to be in memory at once. Such a
format also says which checks it shows (``CHECKS_SHOWN``, `sicheck.compact`), so a run
keeps nothing else of each result until the end.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from sicheck.compact import ChecksShown

Value = TypeVar("Value", contravariant=True)
Shown = TypeVar("Shown")


class Renderer(Protocol[Value]):
    """What every format module's ``render`` is: a pure function from typed values to text."""

    def __call__(self, value: Value, /, *, lang: str = "sv", color: bool = False, width: int = 100) -> str: ...


STREAMING = ("head", "item", "tail")


class Formats(Mapping[str, str], Generic[Shown]):
    """Format name -> the module that renders it. The one source of ``--format`` choices."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = dict(modules)

    def __getitem__(self, name: str) -> str:
        return self._modules[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)

    def module(self, name: str) -> ModuleType:
        """The module of a format; a name not registered is a programming error (KeyError)."""
        return import_module(self._modules[name])

    def renderer(self, name: str) -> Renderer[Shown]:
        render: Renderer[Shown] = self.module(name).render
        return render

    def render(self, name: str, value: Shown, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
        return self.renderer(name)(value, lang=lang, color=color, width=width)

    def chunks(
        self, name: str, value: Shown, *, lang: str = "sv", color: bool = False, width: int = 100
    ) -> Iterator[str]:
        """The format's text in pieces (``chunks``), or whole for a format that has none."""
        module = self.module(name)
        pieces = getattr(module, "chunks", None)
        if pieces is None:
            yield self.render(name, value, lang=lang, color=color, width=width)
            return
        yield from pieces(value, lang=lang, color=color, width=width)

    def checks_shown(self, name: str) -> ChecksShown:
        """Which checks of each result the format shows (every one unless it says)."""
        shown: ChecksShown = getattr(self.module(name), "CHECKS_SHOWN", "all")
        return shown

    def streams(self, name: str) -> bool:
        """Whether the format renders one application at a time (``head``/``item``/``tail``)."""
        module = self.module(name)
        return all(hasattr(module, part) for part in STREAMING)


__all__ = ["STREAMING", "Formats", "Renderer"]
