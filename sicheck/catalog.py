"""The criteria sets a run can use: the shipped folder and the configured ones, by ``id@version``.

A `CriteriaCatalog` is built once by the command layer from the settings and handed to
everything that looks a set up (the checker, the review loader, the templates, SARIF's
rule list). It keeps each set it has loaded, so a call of a thousand applications that
all name ``vgr@2015`` reads and validates that file once.
"""

from __future__ import annotations

from pathlib import Path

from sicheck.criteria import SPEC, CriteriaSet, load_file, looks_like_path, shipped_dir, version_key
from sicheck.errors import SicheckError, UnknownCriteriaError
from sicheck.reading import real_path


class CriteriaCatalog:
    """The criteria folders (the shipped one first), a lookup by ``id@version`` and a cache."""

    def __init__(self, dirs: tuple[Path, ...] = ()) -> None:
        self.dirs = tuple(dirs)
        self._files: dict[str, dict[str, Path]] | None = None
        self._loaded: dict[Path, CriteriaSet] = {}
        # Spec to set: every application names its set, and finding the file costs a
        # look at the folders and a resolved path each time.
        self._by_spec: dict[str, CriteriaSet] = {}

    def __repr__(self) -> str:
        return f"CriteriaCatalog({self.dirs!r})"

    # A worker process started by spawn gets the folders and fills its own cache; one
    # started by fork inherits the parent's catalog, cache and all, without pickling.
    def __getstate__(self) -> tuple[Path, ...]:
        return self.dirs

    def __setstate__(self, state: tuple[Path, ...]) -> None:
        self.__init__(state)  # type: ignore[misc]

    def available(self) -> dict[str, dict[str, Path]]:
        """Every criteria file found: ``{id: {version: path}}``; a folder found first wins."""
        if self._files is None:
            found: dict[str, dict[str, Path]] = {}
            for folder in (shipped_dir(), *self.dirs):
                if not folder.is_dir():
                    continue
                for path in sorted(folder.glob("*@*.y*ml")):
                    set_id, _, version = path.stem.partition("@")
                    found.setdefault(set_id, {}).setdefault(version, path)
            self._files = found
        return self._files

    def known_specs(self) -> list[str]:
        return [f"{set_id}@{version}" for set_id, versions in sorted(self.available().items()) for version in versions]

    def resolve_path(self, spec: str) -> Path:
        """The file a spec (``id``, ``id@version`` or a path) names; `UnknownCriteriaError` if none."""
        if looks_like_path(spec):
            path = Path(spec)
            if not path.is_file():
                raise UnknownCriteriaError(spec, self.known_specs())
            return path
        match = SPEC.match(spec)
        sets = self.available()
        if match is None or match.group(1) not in sets:
            raise UnknownCriteriaError(spec, self.known_specs())
        versions = sets[match.group(1)]
        version = match.group(2) or max(versions, key=version_key)
        if version not in versions:
            raise UnknownCriteriaError(spec, self.known_specs())
        return versions[version]

    def load(self, spec: str) -> CriteriaSet:
        """The set a spec names, loaded and validated once per catalog."""
        found = self._by_spec.get(spec)
        if found is None:
            found = self._by_spec[spec] = self.load_path(self.resolve_path(spec))
        return found

    def load_path(self, path: Path) -> CriteriaSet:
        key = real_path(path)
        found = self._loaded.get(key)
        if found is None:
            found = self._loaded[key] = load_file(path)
        return found

    def find(self, key: str) -> CriteriaSet | None:
        """The set with this ``id@version`` that the run used: one loaded already (also one
        given by a path), else one the folders have; None if neither."""
        for loaded in self._loaded.values():
            if loaded.key == key:
                return loaded
        try:
            return self.load(key)
        except SicheckError:
            return None

    def names(self, criteria_set: CriteriaSet) -> bool:
        """Whether an application's ``criteria: id@version`` finds this very set."""
        try:
            return real_path(self.resolve_path(criteria_set.key)) == real_path(criteria_set.file)
        except UnknownCriteriaError:
            return False


__all__ = ["CriteriaCatalog"]
