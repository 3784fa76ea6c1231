"""Reading import files: records with their line numbers, or one line on why the file won't do."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teams_app.domain.import_staff import (
    MAX_ID,
    STAFF_COLUMNS,
    STAFF_OPTIONAL,
    StaffRecord,
    placeholder_id,
    read_staff,
)
from teams_app.domain.import_table import (
    MAX_LINE_CHARS,
    Rejected,
    SourceRow,
    Table,
    UnreadableFile,
    read_table,
)

TODAY = date(2026, 10, 1)
ZONES = {"Europe/Zurich", "Africa/Nairobi", "America/New_York"}
HEADER = ",".join(STAFF_COLUMNS)
GOOD = "jane.doe@un.org,Jane Doe,P-3,2015-04-01,Geneva,Europe/Zurich,UNOG,Library,Legal"


def table(text: str | bytes) -> Table:
    data = text.encode() if isinstance(text, str) else text
    return read_table(data, STAFF_COLUMNS, STAFF_OPTIONAL)


def refusal(text: str | bytes) -> str:
    with pytest.raises(UnreadableFile) as caught:
        table(text)
    return str(caught.value)


def test_records_come_keyed_by_column_with_their_first_line_number() -> None:
    text = f'{HEADER}\n{GOOD}\n\n"b@un.org","Bo\nBerg",,,,,,,\n{GOOD.replace("jane", "j2")}\n'
    read = table(text)
    assert [row.line for row in read.rows] == [2, 4, 6]
    assert read.rows[1].values["name"] == "Bo\nBerg"
    assert read.rows[0].values["entity"] == "UNOG"


def test_headers_are_matched_loosely_and_unknown_ones_are_listed() -> None:
    header = "\ufeffE-mail,Name,Grade,Entry date,Duty Station,TIME_ZONE,entity,unit,job network"
    read = table(f"{header.replace('E-mail', 'email')},Timestamp,gender\n{GOOD},x,F\n".encode())
    assert read.columns[:2] == ("email", "name") and "entry_date" in read.columns
    assert read.ignored_columns == ("timestamp",)  # gender is known, though never stored


def test_a_row_with_the_wrong_number_of_cells_is_marked_but_trailing_blanks_are_not() -> None:
    read = table(f"{HEADER}\n{GOOD},,\nshort@un.org,Short\n")
    assert read.rows[0].problem is None
    assert read.rows[1].problem == "the row has 2 cells but the header has 9 columns"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\n \n", "the file is empty"),
        (f"{HEADER}\n", "the file has a header but no rows"),
        ("email,name,grade\nx,y,z\n", "missing columns: entry_date, duty_station, time_zone"),
        (f"{HEADER.replace(',', ';')}\n", "the columns are separated by semicolons, not commas"),
        (f"{HEADER.replace(',', chr(9))}\n", "the columns are separated by tabs, not commas"),
        (f"{HEADER},Email\n{GOOD},x\n", "columns appear more than once: email"),
        (f'{HEADER}\n"unclosed,{GOOD}\n', "line 2 is not valid CSV"),
    ],
)
def test_a_file_that_cannot_be_imported_gets_one_clear_line(text: str, message: str) -> None:
    assert refusal(text).startswith(message)


def test_bytes_that_are_not_utf8_are_reported_with_their_line() -> None:
    data = f"{HEADER}\n{GOOD}\n".encode() + "Zoë,Müller\n".encode("latin-1")
    assert refusal(data) == 'line 3 is not UTF-8 text; save it as "CSV UTF-8 (Comma delimited)"'


def test_a_ten_megabyte_line_is_refused_without_parsing_it() -> None:
    data = f"{HEADER}\n{GOOD}\n".encode() + b"x" * 10_485_760 + b"\n"
    assert refusal(data) == (
        f"line 3 is 10,485,760 characters long; a row may have at most {MAX_LINE_CHARS:,} "
        "(is this the right file?)"
    )


@settings(max_examples=200)
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_give_a_table_or_an_unreadable_file_never_a_crash(data: bytes) -> None:
    try:
        read = read_table(HEADER.encode() + b"\n" + data, STAFF_COLUMNS, STAFF_OPTIONAL)
    except UnreadableFile as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert all(row.line >= 2 for row in read.rows)


def staff(values: dict[str, str]) -> StaffRecord | Rejected:
    return read_staff(SourceRow(4, values), ZONES, TODAY)


def test_a_good_hr_row_becomes_a_person_and_blank_fields_stay_unknown() -> None:
    values = dict(zip(STAFF_COLUMNS, GOOD.split(","), strict=True)) | {"unit": " ", "gender": "F"}
    record = staff(values)
    assert isinstance(record, StaffRecord)
    person = record.person("hr:jane.doe@un.org")
    assert person.entry_date == date(2015, 4, 1) and person.time_zone == "Europe/Zurich"
    assert person.unit is None
    assert "gender" not in vars(person)


def test_hr_dates_time_zones_and_lengths_are_checked() -> None:
    values = dict(zip(STAFF_COLUMNS, GOOD.split(","), strict=True))
    bad = values | {"entry_date": "2027-01-01", "time_zone": "CET", "grade": "P" * 21}
    assert staff(bad) == Rejected(
        4,
        (
            "grade: longer than 20 characters",
            "entry_date: 2027-01-01 is in the future",
            'time_zone: "CET" is not an IANA time zone such as Europe/Zurich',
        ),
    )
    assert staff(values | {"entry_date": "1/4/2015"}) == Rejected(
        4, ('entry_date: "1/4/2015" is not a date written like 2019-03-01',)
    )


def test_the_placeholder_id_is_the_lowercased_email_and_always_fits_the_column() -> None:
    assert placeholder_id("Jane.Doe@UN.org") == "hr:jane.doe@un.org"
    long = "a" * 70 + "@un.org"
    assert placeholder_id(long) == placeholder_id(long.upper())
    assert len(placeholder_id(long)) == MAX_ID and placeholder_id(long).startswith("hr:sha256:")
