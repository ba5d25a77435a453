"""Check many files: in order, across both cores for large batches, streaming the output.

Formats whose modules define ``head``/``item``/``tail`` (text and JSON) are rendered one
application at a time, in the worker that checked it, so memory stays flat however many
files a call has. Other formats get every result at the end. Output order is always the
order of the files given, whatever order the workers finish in.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sicheck.checker import CheckOptions, check_path
from sicheck.compact import SharedValues, pruned
from sicheck.errors import SicheckError
from sicheck.i18n import msg
from sicheck.model import ApplicationResult, Location, Problem, Report, RunSummary
from sicheck.policy import RunPolicy
from sicheck.render import FORMATS

if TYPE_CHECKING:
    from sicheck.catalog import CriteriaCatalog
    from sicheck.criteria import CriteriaSet
    from sicheck.reviews.model import ReviewedResult, ReviewProblem

# Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 64
CHUNK_SIZE = 16


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How a run's output is rendered: the format, the language, the terminal and the policy."""

    format: str
    lang: str = "sv"
    color: bool = False
    width: int = 100
    version: str = ""
    policy: RunPolicy = field(default_factory=RunPolicy)
    source_root: Path | None = None
    max_size: int | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the main process needs from one checked file: its counts and maybe its text."""

    verdict: str
    score: float | None
    has_warnings: bool
    text: str | None  # the rendered chunk, for streamed formats
    result: ApplicationResult | None  # the whole result, for formats rendered at the end


@dataclass
class RunTracker:
    """The run's summary and whether it failed, kept as results stream past."""

    policy: RunPolicy = field(default_factory=RunPolicy)
    summary: RunSummary = field(default_factory=RunSummary)
    failed: bool = False

    def add(self, outcome: Outcome) -> None:
        under = self.policy.under_threshold(outcome)
        self.summary = self.summary.add_counts(outcome.verdict, under_threshold=under, warned=outcome.has_warnings)
        if self.policy.fails(outcome):
            self.failed = True


def _internal_error(shown: str, error: str) -> ApplicationResult:
    problem = Problem("error", "internal-error", msg("internal-error", error=error), Location("", 1, 1))
    return ApplicationResult(
        file=shown, title=None, criteria_set=None, verdict="invalid", score=None, problems=(problem,)
    )


def _check_safely(path: str, options: CheckOptions, shown: str) -> ApplicationResult:
    """Check one file; a bug in sicheck becomes that file's problem, not the run's end."""
    try:
        return check_path(path, options, shown)
    except SicheckError:
        raise
    except Exception as exc:  # the last line of defence for one file
        return _internal_error(shown, type(exc).__name__)


def _lost_batch(batch: list[tuple[str, str, int]], rendering: RenderOptions | None) -> list[Outcome]:
    """Outcomes for a batch whose worker process died (killed, out of memory): each of its
    files gets an internal-error result, and the run goes on."""
    lost = []
    for _, shown, index in batch:
        result = _internal_error(shown, "worker process ended")
        text = None
        if rendering is not None:
            text = FORMATS.module(rendering.format).item(
                result, index=index, lang=rendering.lang, color=rendering.color, width=rendering.width
            )
        lost.append(
            Outcome(
                verdict=result.verdict,
                score=result.score,
                has_warnings=result.has_warnings,
                text=text,
                result=None if rendering is not None else result,
            )
        )
    return lost


def _check_one(task: tuple[str, str, CheckOptions, RenderOptions | None, int]) -> Outcome:
    path, shown, options, rendering, index = task
    result = _check_safely(path, options, shown)
    text = None
    if rendering is not None:
        text = FORMATS.module(rendering.format).item(
            result, index=index, lang=rendering.lang, color=rendering.color, width=rendering.width
        )
    return Outcome(
        verdict=result.verdict,
        score=result.score,
        has_warnings=result.has_warnings,
        text=text,
        # Kept to the end of the run: only what the format shows goes back to the main process.
        result=None if rendering is not None else pruned(result, options.checks_kept),
    )


# What every task of a pool shares, set once per worker process by `_start_worker`: with
# fork it is inherited as it is (the catalog with the sets already loaded), not pickled
# with every batch.
_shared: tuple[CheckOptions, RenderOptions | None] | None = None


def _start_worker(options: CheckOptions, rendering: RenderOptions | None) -> None:
    global _shared
    # Ctrl-C goes to the whole process group; only the main process should act on it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM ends a worker at once. Forked while the main process writes its output, it
    # would inherit the handler that turns SIGTERM into an exception there; the pool then
    # sends that back as a result, into a pipe nobody reads once the run is stopping, and
    # the whole run hangs.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _shared = (options, rendering)
    # What the worker inherited (modules, schemas, validators, criteria sets) lives as long
    # as it does: out of the collector's sight, a full collection no longer walks it for
    # every few hundred files, and the pages shared with the parent stay shared.
    gc.freeze()
    # A file's check leaves little that only the collector can free; one pass after each
    # batch replaces the many passes the allocations of its parsing would set off.
    gc.disable()


def _check_batch(batch: list[tuple[str, str, int]]) -> list[Outcome]:
    assert _shared is not None, "a worker started without _start_worker"
    options, rendering = _shared
    done = [_check_one((path, shown, options, rendering, index)) for path, shown, index in batch]
    gc.collect()
    return done


def outcomes(
    files: list[tuple[str, str]],
    options: CheckOptions,
    rendering: RenderOptions | None,
    *,
    jobs: int | None = None,
) -> Iterator[Outcome]:
    """Check every file and yield outcomes in file order."""
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(files) < POOL_THRESHOLD:
        for index, (path, shown) in enumerate(files):
            yield _check_one((path, shown, options, rendering, index))
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from itertools import islice

    numbered = ((path, shown, index) for index, (path, shown) in enumerate(files))
    batches = iter(lambda: list(islice(numbered, CHUNK_SIZE)), [])
    # fork keeps the imported modules and the loaded criteria sets: workers start at once.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    from concurrent.futures.process import BrokenProcessPool

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(options, rendering)
        )

    executor = new_pool()
    # A few batches per worker in flight, no more: finished outputs never pile up, so memory
    # stays the same for ten thousand files as for a hundred.
    pending: deque[tuple[list[tuple[str, str, int]], Future[list[Outcome]]]] = deque(
        (batch, executor.submit(_check_batch, batch)) for batch in islice(batches, workers * 4)
    )
    try:
        while pending:
            batch, future = pending.popleft()
            try:
                done = future.result()
            except BrokenProcessPool:
                # A worker died, and every batch in flight fails with it: which one killed it
                # is unknown. The pool cannot be used again, so this batch runs once more
                # alone in a new one. If that pool breaks too, this batch is the cause and
                # its files are lost, not the run; the batches still in flight go on in a
                # new pool either way.
                executor.shutdown(wait=True, cancel_futures=True)
                executor = new_pool()
                try:
                    done = executor.submit(_check_batch, batch).result()
                except BrokenProcessPool:
                    done = _lost_batch(batch, rendering)
                    executor.shutdown(wait=True, cancel_futures=True)
                    executor = new_pool()
                pending = deque((waiting, executor.submit(_check_batch, waiting)) for waiting, _ in pending)
            following = next(batches, None)
            if following is not None:
                pending.append((following, executor.submit(_check_batch, following)))
            yield from done
    except BaseException:
        # Stopped (a signal, Ctrl-C, an output that closed): no batch in flight is wanted,
        # and a worker may be blocked handing back a result nobody will read. Waiting for
        # it could hang the run, so the workers are ended instead.
        executor.shutdown(wait=False, cancel_futures=True)
        for worker in multiprocessing.active_children():
            worker.terminate()
        raise
    executor.shutdown(wait=True, cancel_futures=True)


def render_run(
    files: list[tuple[str, str]],
    options: CheckOptions,
    rendering: RenderOptions,
    tracker: RunTracker,
    *,
    jobs: int | None = None,
    watch: Callable[[Iterator[Outcome]], Iterator[Outcome]] | None = None,
) -> Iterator[str]:
    """The output of a whole run, as chunks of text, keeping ``tracker`` up to date.

    ``watch`` sees the outcomes pass, in order (the command line's progress bar).
    """
    module = FORMATS.module(rendering.format)
    streamed = FORMATS.streams(rendering.format)
    if not streamed:
        options = replace(options, checks_kept=FORMATS.checks_shown(rendering.format))

    def observed() -> Iterator[Outcome]:
        checked = outcomes(files, options, rendering if streamed else None, jobs=jobs)
        for outcome in watch(checked) if watch is not None else checked:
            tracker.add(outcome)
            yield outcome

    if streamed:
        yield module.head(version=rendering.version, lang=rendering.lang, color=rendering.color, width=rendering.width)
        for outcome in observed():
            assert outcome.text is not None
            yield outcome.text
        yield module.tail(
            tracker.summary,
            policy=rendering.policy,
            lang=rendering.lang,
            color=rendering.color,
            width=rendering.width,
        )
        return
    results: list[ApplicationResult] = []
    shared = SharedValues()
    for outcome in observed():
        assert outcome.result is not None
        results.append(shared.result(outcome.result))
    del shared
    report = Report(
        results=tuple(results),
        summary=tracker.summary,
        version=rendering.version,
        policy=rendering.policy,
        criteria_sets=criteria_sets(results, options.catalog),
        source_root=rendering.source_root,
        max_size=rendering.max_size,
    )
    del results
    lang, color, width = rendering.lang, rendering.color, rendering.width
    yield from FORMATS.chunks(rendering.format, report, lang=lang, color=color, width=width)


def criteria_sets(results: Sequence[ApplicationResult], catalog: CriteriaCatalog) -> tuple[CriteriaSet, ...]:
    """The criteria sets the results were checked against, from the run's catalog, by key.

    Formats that list every check of a set (SARIF's rule catalogue) take them from here
    and never read criteria files themselves.
    """
    keys = sorted({f"{r.criteria_set.id}@{r.criteria_set.version}" for r in results if r.criteria_set})
    return tuple(found for found in (catalog.find(key) for key in keys) if found is not None)


@dataclass(frozen=True, slots=True)
class ReviewedRun:
    """A checked call with its reviews attached: what `check --reviews` and `report` show."""

    results: tuple[ApplicationResult, ...]
    reviewed: tuple[ReviewedResult, ...]
    problems: tuple[ReviewProblem, ...]


def check_and_review(
    files: list[tuple[str, str]],
    options: CheckOptions,
    review_sources: list[tuple[str, str]],
    tracker: RunTracker,
    *,
    jobs: int | None = None,
    watch: Callable[[Iterator[Outcome]], Iterator[Outcome]] | None = None,
) -> ReviewedRun:
    """Check every file (keeping ``tracker`` up to date), then load the review files and
    attach them to the results, as values: the one pipeline of both commands."""
    from sicheck.reviews.loading import load_review
    from sicheck.reviews.merging import attach

    results = check_all(files, options, tracker, jobs=jobs, watch=watch)
    loaded = [load_review(path, shown) for path, shown in review_sources]
    reviewed, problems = attach(results, loaded, options.catalog)
    return ReviewedRun(results, tuple(reviewed), tuple(problems))


def check_all(
    files: list[tuple[str, str]],
    options: CheckOptions,
    tracker: RunTracker,
    *,
    jobs: int | None = None,
    watch: Callable[[Iterator[Outcome]], Iterator[Outcome]] | None = None,
) -> tuple[ApplicationResult, ...]:
    """Every file's result, in file order, for output that needs them all at once."""
    checked = outcomes(files, options, None, jobs=jobs)
    results: list[ApplicationResult] = []
    shared = SharedValues()
    for outcome in watch(checked) if watch is not None else checked:
        tracker.add(outcome)
        assert outcome.result is not None
        results.append(shared.result(outcome.result))
    return tuple(results)


__all__ = [
    "Outcome",
    "RenderOptions",
    "ReviewedRun",
    "RunTracker",
    "check_all",
    "check_and_review",
    "criteria_sets",
    "outcomes",
    "render_run",
]
