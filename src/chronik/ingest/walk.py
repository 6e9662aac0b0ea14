"""Paths given on the command line -> the files to read, in a stable order.

Directories are walked recursively in sorted order so that two runs see files in the same sequence
(a resumed ingest then meets the same reports first). Hidden files and folders (".git", ".DS_Store")
are not input, and neither are files inside a folder that `wanted` refuses (a README.md beside the
reports); a file named on the command line is always read, so a wrong one is reported, not ignored.
Symlinked folders are not followed, which rules out loops.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from chronik.ingest.base import Skipped


def iter_files(
    paths: Iterable[Path | str], wanted: Callable[[Path], bool] | None = None
) -> Iterator[Path | Skipped]:
    """Each given file, and every non-hidden (and `wanted`) file below each given folder; a
    missing path is Skipped."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for item in _walk(path, wanted):
                found = found or isinstance(item, Path)
                yield item
            if not found:
                yield Skipped(
                    str(path), None, "no report files in this folder (.txt, .jsonl, .csv, .html …)"
                )
        elif path.is_file():
            yield path
        elif path.exists():
            yield Skipped(
                str(path),
                None,
                "not a regular file (a device, socket or pipe); give a file or folder",
            )
        else:
            yield Skipped(str(path), None, "no such file or folder")


def _walk(folder: Path, wanted: Callable[[Path], bool] | None) -> Iterator[Path | Skipped]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Skipped(str(folder), None, f"cannot list the folder: {exc.strerror}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir, is_file = entry.is_dir(follow_symlinks=False), entry.is_file()
        except OSError as exc:  # a symlink loop (ELOOP), a file gone since the listing
            yield Skipped(entry.path, None, f"cannot read the file: {exc.strerror or exc}")
            continue
        if is_dir:
            yield from _walk(Path(entry.path), wanted)
        elif is_file and (wanted is None or wanted(Path(entry.path))):
            yield Path(entry.path)
