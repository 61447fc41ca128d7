"""Periods a planner types for a deadline (« T2 2027 », « S1 2027 », « fin d’année », « été 2027 »), the
words before one (« d’ici fin 2027 »), and a time counted from today (« dans 6 mois »).

A period that ends a deadline stands for its last day, as a month does (« T2 2027 »: 30 June 2027); one
that names no month (« mi-2027 », « été 2027 », « 2028 » alone) has its month asked (``due_dates``), and a
part of a named month (« mi-mars 2027 ») its day. « au plus tard » before or after a deadline changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from models.clock import add_months


@dataclass(frozen=True)
class Period:
    """The months ``first`` to ``last`` of a year a text names; ``usual``: the month shown to type instead
    when it names none (« mi-2027 »: June), None when it stands for its last one (« T2 2027 »: June)."""

    year: int
    first: int
    last: int
    usual: int | None = None

    def last_day(self) -> date:
        """The period's last day, the one a deadline typed as it stands for."""
        return add_months(date(self.year, self.last, 1), 1) - timedelta(days=1)


# a year with a word before it, or alone: « fin 2027 », « the end of 2027 », « début 2027 », « mi-2027 »,
# « à l’été 2027 », « in the summer of 2027 », « 2028 »
_PART_OF_YEAR = re.compile(
    r"(?:(?:the |la |l'|a l'|au |en |in the |in )?(?P<part>[a-z]+)(?: de| d'| of)?[ -]?)?(?P<year>\d{4})"
)
_YEAR_END = ("fin", "end")
# a part of a year that names no month: its months (first and last), and the one shown to type instead
# (its first, its middle one; a season's last but one); « courant 2027 », « en 2027 », a year alone: the
# whole year, its last shown. A season is no month: « été 2027 » could be July as well as September
_PART_MONTHS = {
    **dict.fromkeys(("debut", "beginning", "early", "start"), (1, 4, 1)),
    **dict.fromkeys(("mi", "milieu", "mid", "middle"), (5, 8, 6)),
    "late": (9, 12, 12),  # not « fin »'s December: September to December
    **dict.fromkeys(("courant", "en", "in", "during", None), (1, 12, 12)),
    **dict.fromkeys(("hiver", "winter"), (1, 3, 2)),  # the winter a year starts with
    **dict.fromkeys(("printemps", "spring"), (3, 6, 5)),
    **dict.fromkeys(("ete", "summer"), (6, 9, 8)),
    **dict.fromkeys(("automne", "autumn", "fall"), (9, 12, 11)),
}
# a quarter or a half of a year, in short (« T2 2027 », "Q2 2027", « S1 2027 », "H1 2027") or in words
# (« 1er trimestre 2027 », « second semestre 2027 », "the first half of 2027"); « fin » before it changes
# nothing (« fin T2 2027 »): it already stands for its last day
_END_OF = r"(?:(?:la )?fin (?:du |de |d')?|(?:the )?end of (?:the )?)?"
_SHORT_PERIOD = re.compile(rf"{_END_OF}(?P<kind>[tqsh])(?P<rank>[1-4])[ /-]?(?P<year>\d{{4}}|\d{{2}})")
_RANK = r"(?:(?P<rank>[1-4]) ?(?:er|re|ere|e|eme|nd|nde|st|rd|th)?|(?P<word>[a-z]+))"
_LONG_PERIOD = re.compile(
    rf"{_END_OF}(?:(?:le|la|au|the) )?{_RANK} "
    r"(?P<kind>trimestre|semestre|quarter|half)(?: de| d'| of)? (?P<year>\d{4}|\d{2})"
)
_KIND_MONTHS = {"t": 3, "q": 3, "trimestre": 3, "quarter": 3, "s": 6, "h": 6, "semestre": 6, "half": 6}
_RANK_WORDS = {
    **dict.fromkeys(("premier", "premiere", "first"), 1),
    **dict.fromkeys(("deuxieme", "second", "seconde"), 2),
    **dict.fromkeys(("troisieme", "third"), 3),
    **dict.fromkeys(("quatrieme", "fourth"), 4),
    **dict.fromkeys(("dernier", "last"), 0),  # the year's last one, whatever their number
}
# the end of the year or of the month under way, its year not typed
_THIS_YEARS_END = re.compile(
    r"(?:la |the )?(?:fin (?:de l'|d'|de cette |de la )?(?:annee|an)(?: en cours)?|end of (?:the |this )?year"
    r"|year[ -]end)"
)
_THIS_MONTHS_END = re.compile(
    r"(?:la |the )?(?:fin (?:du|de ce) mois(?: en cours)?|end of (?:the|this) month)"
)


def read_period(folded: str, today: date | None) -> Period | None:
    """The period a folded text names (``today``: for one without its year, « fin d’année »), or None."""
    if today is not None and _THIS_YEARS_END.fullmatch(folded):
        return Period(today.year, 12, 12)
    if today is not None and _THIS_MONTHS_END.fullmatch(folded):
        return Period(today.year, today.month, today.month)
    found = _SHORT_PERIOD.fullmatch(folded) or _LONG_PERIOD.fullmatch(folded)
    if found is not None:
        return _quarter_or_half(found)
    found = _PART_OF_YEAR.fullmatch(folded)
    if found is None or found["part"] not in (*_YEAR_END, *_PART_MONTHS):
        return None
    if found["part"] in _YEAR_END:
        return Period(int(found["year"]), 12, 12)
    return Period(int(found["year"]), *_PART_MONTHS[found["part"]])


def _quarter_or_half(found: re.Match) -> Period | None:
    """The quarter or half a matched « T2 2027 » or « 1er semestre 2027 » names; None for a rank it has
    not (« S3 2027 », « cinquième trimestre »)."""
    months = _KIND_MONTHS[found["kind"]]
    rank = int(found["rank"]) if found["rank"] else _RANK_WORDS.get(found["word"])
    rank = 12 // months if rank == 0 else rank
    if rank is None or not 1 <= rank <= 12 // months:
        return None
    year = int(found["year"]) + (2000 if len(found["year"]) == 2 else 0)
    return Period(year, months * (rank - 1) + 1, months * rank)


# words before a deadline that do not change it: « d’ici le 15 mars », « pour fin juin », "by the end of
# 2027"; « avant » only before an end (« avant fin 2027 »): « avant mars 2027 » means February, not guessed
_BY = re.compile(
    r"(?:d'ici (?:a |au )?|jusqu'(?:a |au )?|au plus tard (?:le |en |a )?|pour |by |no later than "
    r"|(?:avant|before) (?=(?:la |the )?(?:fin|end)\b))(?:la (?=fin ))?(?=\S)"
)


# the same said after it: « fin mars 2027 au plus tard », "March 2027 at the latest"
_AT_THE_LATEST = re.compile(r"(?<=\S),? (?:au plus tard|at the latest|latest)$")


def without_by(folded: str) -> str:
    """A folded deadline without the words before or after it that say « by » (« d’ici fin 2027 », « fin
    2027 au plus tard »: « fin 2027 »)."""
    found = _BY.match(folded)
    return at_the_latest_off(folded[found.end() :] if found else folded)


def at_the_latest_off(folded: str) -> str:
    """A folded deadline without « au plus tard » after it (« dans 6 mois au plus tard »: « dans 6 mois »)."""
    return _AT_THE_LATEST.sub("", folded)


# a part of a named month (« début mars 2027 », « à la mi-mars », "mid-March 2027", "late March"): its days
# (first, last, the one shown to type) and the month's words; « fin mars » is the month, its last day.
# The longer words first: « milieu » is not « mi » before « lieu », "mid" not « mi »
_PART_OF_MONTH = re.compile(
    r"(?:(?:au |en |in |the |la |a la )?(?P<part>debut|milieu|middle|mid|mi|beginning|start|early|late)"
    r"(?: du mois| of the month)?(?: (?:de|du|of)\b| d')?[ -]?)(?P<month>[a-z].*)"  # « de » not « décembre »
)
_PART_DAYS = {
    **dict.fromkeys(("debut", "beginning", "start", "early"), (1, 10, 1)),
    **dict.fromkeys(("mi", "milieu", "middle", "mid"), (11, 20, 15)),
    "late": (21, 31, 31),
}


def part_of_month(folded: str) -> tuple[tuple[int, int, int], str] | None:
    """The days a part of a month stands for (« mi-mars 2027 »: the 11th to the 20th, the 15th shown) and
    the words naming the month (« mars 2027 »), to be read as one; None for any other text."""
    found = _PART_OF_MONTH.fullmatch(folded)
    return (_PART_DAYS[found["part"]], found["month"]) if found else None


# a time from today: « dans 6 mois », « d’ici deux semaines », "in a year", "within 10 days"
_FROM_TODAY = re.compile(
    r"(?:dans|d'ici|sous|in|within) (?P<count>\d{1,3}|[a-z]+(?:-[a-z]+)?) "
    r"(?P<unit>jours?|semaines?|mois|ans?|annees?|days?|weeks?|months?|years?)"
)
_COUNTS = {
    **dict.fromkeys(("un", "une", "a", "an", "one"), 1),
    **dict.fromkeys(("deux", "two"), 2), **dict.fromkeys(("trois", "three"), 3),
    **dict.fromkeys(("quatre", "four"), 4), **dict.fromkeys(("cinq", "five"), 5),
    **dict.fromkeys(("six",), 6), **dict.fromkeys(("sept", "seven"), 7),
    **dict.fromkeys(("huit", "eight"), 8), **dict.fromkeys(("neuf", "nine"), 9),
    **dict.fromkeys(("dix", "ten"), 10), **dict.fromkeys(("douze", "twelve"), 12),
    **dict.fromkeys(("quinze", "fifteen"), 15), **dict.fromkeys(("dix-huit", "eighteen"), 18),
}  # fmt: skip
# each unit in days, or in months (negative) as ``add_months`` counts them (31 August + 6 months: 28 February)
_UNIT_LENGTHS = {
    **dict.fromkeys(("jour", "jours", "day", "days"), 1),
    **dict.fromkeys(("semaine", "semaines", "week", "weeks"), 7),
    **dict.fromkeys(("mois", "month", "months"), -1),
    **dict.fromkeys(("an", "ans", "annee", "annees", "year", "years"), -12),
}


def from_today(folded: str, today: date) -> date | None:
    """The day a time counted from today names (« dans 6 mois »: the same day six months on, as the echo
    shows it); None for any other text."""
    found = _FROM_TODAY.fullmatch(folded)
    typed = found["count"] if found else ""
    count = int(typed) if typed.isdigit() else _COUNTS.get(typed)
    if count is None:  # no such text, or a word not known (« dans plusieurs mois »)
        return None
    length = _UNIT_LENGTHS[found["unit"]]
    return add_months(today, -length * count) if length < 0 else today + timedelta(days=length * count)
