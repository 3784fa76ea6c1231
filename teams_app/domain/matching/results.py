"""What the matching hands back: pairs with reasons, unpaired mentees with theirs, suggestions."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

Explain = Callable[[], tuple[str, ...]]


class MatchedPair:
    """A mentee and a mentor (by key), the pair's score and why they fit, in words.

    `reasons` may be given, or worked out on first read by `explain`: a cohort's matching
    returns far more pairs and suggestions than anyone reads the reasons of.
    """

    __slots__ = ("_explain", "_reasons", "mentee", "mentor", "score")
    mentee: str
    mentor: str
    score: float  # the weighted sum of the score parts, rounded to 2 decimals
    _reasons: tuple[str, ...] | None
    _explain: Explain | None

    def __init__(
        self,
        mentee: str,
        mentor: str,
        score: float,
        reasons: tuple[str, ...] = (),
        *,
        explain: Explain | None = None,
    ) -> None:
        # The slots' own setters: a cohort's result builds tens of thousands of these, and
        # object.__setattr__ by name costs three times as much.
        _SET_MENTEE(self, mentee)
        _SET_MENTOR(self, mentor)
        _SET_SCORE(self, score)
        _SET_REASONS(self, None if explain else tuple(reasons))
        _SET_EXPLAIN(self, explain)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why they fit, the parts that count most first."""
        if self._reasons is None:
            assert self._explain is not None
            object.__setattr__(self, "_reasons", tuple(self._explain()))
            object.__setattr__(self, "_explain", None)
        assert self._reasons is not None
        return self._reasons

    def _key(self) -> tuple[str, str, float, tuple[str, ...]]:
        return (self.mentee, self.mentor, self.score, self.reasons)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MatchedPair):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"MatchedPair(mentee={self.mentee!r}, mentor={self.mentor!r}, "
            f"score={self.score!r}, reasons={self.reasons!r})"
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"MatchedPair is immutable: cannot set {name}")

    def __reduce__(self) -> tuple[type[MatchedPair], tuple[str, str, float, tuple[str, ...]]]:
        return (MatchedPair, self._key())


_SET_MENTEE, _SET_MENTOR, _SET_SCORE, _SET_REASONS, _SET_EXPLAIN = (
    vars(MatchedPair)[name].__set__
    for name in ("mentee", "mentor", "score", "_reasons", "_explain")
)


class Suggestions(Mapping[str, tuple[MatchedPair, ...]]):
    """Each mentee's suggestions by key, each mentee's built when first read: a cohort's
    matching suggests tens of thousands of pairs, and a publish or a rematch reads them one
    mentee at a time. Read-only; equal to any mapping with the same items."""

    __slots__ = ("_build", "_made", "_row")

    def __init__(self, keys: Sequence[str], build: Callable[[int], tuple[MatchedPair, ...]]):
        self._row = {key: i for i, key in enumerate(keys)}
        self._build = build
        self._made: dict[str, tuple[MatchedPair, ...]] = {}

    def __getitem__(self, key: str) -> tuple[MatchedPair, ...]:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._build(self._row[key])
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, key: object) -> bool:
        return key in self._row

    def __repr__(self) -> str:
        return f"Suggestions({dict(self.items())!r})"


@dataclass(frozen=True)
class Unmatched:
    """A mentee the matching could not pair, and the rule that stood in the way."""

    mentee: str
    reason: str


@dataclass(frozen=True)
class MatchResult:
    """The optimal pairs of a cohort, who stayed unpaired, and each mentee's suggestions.

    `certified_optimal` is True when LP prices proved no other assignment of the whole cohort
    does better on the objective; `not_certified_because` says why when it is False.
    """

    pairs: tuple[MatchedPair, ...]
    unmatched: tuple[Unmatched, ...]
    suggestions: Mapping[str, tuple[MatchedPair, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    objective: str = "participation_first"
    certified_optimal: bool = True
    total_score: float = 0.0
    not_certified_because: str = ""
    pricing_rounds: int = 0

    @property
    def matched(self) -> int:
        """How many mentees were paired."""
        return len(self.pairs)
