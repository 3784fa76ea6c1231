"""Reading an administrator's CSV export into rows keyed by column, or one line saying why not."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _csv import Reader

# A whole file is read into memory; staff lists of a large organization stay well below this.
MAX_FILE_BYTES = 64 * 1024 * 1024
# The longest answer is 1,000 characters, so a row far longer than this is not an export.
MAX_LINE_CHARS = 65_536
_SPACING = re.compile(r"[\s\-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SHOWN_CHARS = 40
_OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
SAVE_AS_CSV = 'save it as "CSV UTF-8 (Comma delimited)"'


class UnreadableFile(Exception):
    """The file as a whole cannot be imported; the message is one line for the administrator."""


@dataclass(frozen=True)
class SourceRow:
    """One record of the file: its first line number and its cells by column name."""

    line: int
    values: Mapping[str, str]
    problem: str | None = None  # set when the record itself is malformed (e.g. cell count)


@dataclass(frozen=True)
class Table:
    """The records of a file whose header has every required column."""

    columns: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    ignored_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejected:
    """A record that is not imported, with every reason found, worded for the administrator."""

    line: int
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def describe(self) -> str:
        """`line 7: languages: …; grade: …`."""
        return f"line {self.line}: {'; '.join(self.reasons)}"


def column_key(header: str) -> str:
    """A header cell as a column name: "Preferred language" and "preferred-language" match."""
    return _SPACING.sub("_", header.replace("\ufeff", "").strip().casefold())


def shown(value: str) -> str:
    """A cell quoted for a report on one line, long values cut."""
    # One report line per row: line breaks and other control characters become spaces.
    text = " ".join(_CONTROL.sub(" ", value).split())
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 1] + "…"
    return f'"{text}"'


def read_table(data: bytes, required: Collection[str], known: Collection[str]) -> Table:
    """The records of a CSV file; UnreadableFile when the file cannot be imported at all.

    `required` columns must all be in the header; columns neither required nor `known` are
    reported as ignored.
    """
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"the file is larger than {MAX_FILE_BYTES // 1_048_576} MB")
    text = _decoded(data)
    if not text.strip():
        raise UnreadableFile("the file is empty")
    _check_line_lengths(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = _header(reader, required)
    columns = tuple(column_key(cell) for cell in header)
    ignored = tuple(
        name for name in dict.fromkeys(columns) if name and name not in {*required, *known}
    )
    rows = _records(reader, columns)
    if not rows:
        raise UnreadableFile("the file has a header but no rows")
    return Table(columns, tuple(rows), ignored)


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UnreadableFile(f"line {line} is not UTF-8 text; {SAVE_AS_CSV}") from error


def _check_line_lengths(text: str) -> None:
    # Lines split as the csv reader splits them, so the numbers match its records.
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        length = len(line.rstrip("\r\n"))
        if length > MAX_LINE_CHARS:
            raise UnreadableFile(
                f"line {number} is {length:,} characters long; a row may have at most "
                f"{MAX_LINE_CHARS:,} (is this the right file?)"
            )


def _header(reader: Reader, required: Collection[str]) -> list[str]:
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise UnreadableFile(f"line 1 is not valid CSV: {error}") from error
    line = ",".join(header)
    names = [column_key(cell) for cell in header]
    missing = [name for name in required if name not in names]
    if missing:
        _check_delimiter(line)
        raise UnreadableFile(f"missing columns: {', '.join(missing)}")
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise UnreadableFile(f"columns appear more than once: {', '.join(repeated)}")
    return header


def _check_delimiter(header_line: str) -> None:
    commas = header_line.count(",")
    for delimiter, name in _OTHER_DELIMITERS.items():
        if header_line.count(delimiter) > commas:
            raise UnreadableFile(f"the columns are separated by {name}, not commas; {SAVE_AS_CSV}")


def _records(reader: Reader, columns: tuple[str, ...]) -> list[SourceRow]:
    rows: list[SourceRow] = []
    end = reader.line_num
    while True:
        start = end + 1
        try:
            cells = next(reader, None)
        except csv.Error as error:
            raise UnreadableFile(f"line {start} is not valid CSV: {error}") from error
        end = reader.line_num
        if cells is None:
            return rows
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, and rows of empty cells that spreadsheets leave behind
        rows.append(_row(start, cells, columns))


def _row(line: int, cells: list[str], columns: tuple[str, ...]) -> SourceRow:
    values = {name: cell for name, cell in zip(columns, cells, strict=False) if name}
    # Spreadsheets often leave empty cells after the last column; they say nothing.
    extra = cells[len(columns) :]
    if len(cells) < len(columns) or any(cell.strip() for cell in extra):
        problem = f"the row has {len(cells)} cells but the header has {len(columns)} columns"
        return SourceRow(line, values, problem)
    return SourceRow(line, values)
