"""What both imports share: the report they give, and finding the person a row is about."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from teams_app.domain.import_staff import is_placeholder, placeholder_id
from teams_app.domain.import_table import Rejected
from teams_app.domain.people import Person

# Called after each row with (rows done, rows in the file).
Progress = Callable[[int, int], None]


class Outcome(StrEnum):
    """What an accepted row did (or, in a dry run, would do)."""

    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class ImportReport:
    """The counts of one import and every rejected row with its reasons."""

    dry_run: bool
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome | Rejected) -> None:
        """Count one row."""
        if isinstance(outcome, Rejected):
            self.rejected.append(outcome)
        elif outcome is Outcome.IMPORTED:
            self.imported += 1
        elif outcome is Outcome.UPDATED:
            self.updated += 1
        else:
            self.unchanged += 1

    def counts(self) -> dict[str, str]:
        """The counts as audit details (identifiers and numbers only)."""
        return {
            "imported": str(self.imported),
            "updated": str(self.updated),
            "unchanged": str(self.unchanged),
            "rejected": str(len(self.rejected)),
            "dry_run": str(self.dry_run).lower(),
        }


class PeopleIndex:
    """Everyone known, by Entra object id and by e-mail, kept current as rows are imported.

    HR files carry e-mails, Tandem keys people by Entra object id: a row without an id is
    matched by e-mail (any case), else kept under `hr:<e-mail>` until the person appears.
    """

    def __init__(self, people: Iterable[Person]) -> None:
        self._by_id: dict[str, Person] = {}
        self._by_email: dict[str, Person] = {}
        for person in people:
            self.remember(person)

    def remember(self, person: Person) -> None:
        """Record a person as stored (or, in a dry run, as it would be stored)."""
        previous = self._by_id.get(person.aad_object_id)
        if previous is not None and self._by_email.get(previous.email.lower()) is previous:
            del self._by_email[previous.email.lower()]
        self._by_id[person.aad_object_id] = person
        holder = self._by_email.get(person.email.lower())
        # A real Entra id wins over an HR placeholder left for the same address.
        if holder is None or is_placeholder(holder.aad_object_id):
            self._by_email[person.email.lower()] = person

    def resolve(self, email: str, aad_object_id: str | None) -> tuple[str, Person | None] | str:
        """The id to keep the row's person under and who is stored there, or why not."""
        holder = self._by_email.get(email.lower())
        if aad_object_id is None:
            if holder is not None:
                return holder.aad_object_id, holder
            key = placeholder_id(email)
            return key, self._by_id.get(key)
        if holder is not None and holder.aad_object_id != aad_object_id:
            return (
                f"aad_object_id: this e-mail belongs to another person in Tandem "
                f"(id {holder.aad_object_id}); leave aad_object_id blank to update that person"
            )
        return aad_object_id, self._by_id.get(aad_object_id)
