"""Phone charts (PNG that is really drawn, edge cases) and the iCalendar files (parsed back by icalendar)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from icalendar import Calendar
from matplotlib.image import imread

from conversations.render.charts import ProgressRow, dashboard_chart, progress_chart, progress_fraction
from conversations.render.ics import IcsEvent, build_ics

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEGEND = {
    "target": "Cible",
    "start": "Départ",
    "empty": "Aucun indicateur chiffré",
    "progress": "Progression vers la cible",
}
DASHBOARD_LEGEND = {"engaged": "Coopératives engagées", "aim": "Objectif"}
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2027, 1, 15, 10, 30, tzinfo=UTC)


def row(
    label: str = "Logements rénovés « BBC » (%)",
    baseline: float | None = 10.0,
    current: float | None = 25.0,
    target: float = 40.0,
) -> ProgressRow:
    """A progress row whose texts simply echo its numbers."""
    return ProgressRow(label, baseline, current, target, str(current), str(target))


def pixels(png: bytes) -> np.ndarray:
    """The decoded image, checking it is a PNG first."""
    assert png.startswith(PNG_SIGNATURE)
    return imread(io.BytesIO(png), format="png")


def assert_drawn(image: np.ndarray) -> None:
    """The image is phone-wide and has something on it: several colours, not all white."""
    assert image.shape[1] >= 1000
    rgb = image[..., :3].reshape(-1, 3)
    assert (rgb != rgb[0]).any()  # more than one colour (np.unique over a million pixels is too slow)
    assert (rgb < 0.9).any()


# --- progress chart ---------------------------------------------------------------------------------------------


def test_progress_chart_is_a_phone_wide_drawn_png() -> None:
    image = pixels(
        progress_chart(
            [row(), row("Budget d’entretien : 1 250 000 €", 0, 1_250_000, 1_000_000)],
            "Vos indicateurs « Quali’Coop »",
            LEGEND,
        )
    )
    assert_drawn(image)
    assert image.shape[0] >= 500


def test_height_grows_with_the_rows() -> None:
    heights = [
        pixels(progress_chart([row()] * count, "Indicateurs", LEGEND)).shape[0] for count in (1, 4, 12)
    ]
    assert heights[0] >= 500
    assert heights[0] < heights[1] < heights[2]


def test_no_rows_draws_the_empty_message() -> None:
    image = pixels(progress_chart([], "Indicateurs", LEGEND))
    assert_drawn(image)
    assert image.shape[0] >= 500


@pytest.mark.parametrize(
    "case",
    [
        row(baseline=None, current=5, target=10),  # no baseline: measured from 0
        row(baseline=3, current=3, target=3),  # nothing to cover
        row(baseline=250, current=180, target=150),  # decreasing target
        row(baseline=5, current=9, target=3),  # went the wrong way, far
        row(current=None),  # not measured yet
        row(current=1e9),  # far beyond the target
        row(current=float("nan")),
        row("$5 and $6 " * 20),  # long label with dollars, not math
    ],
)
def test_edge_cases_still_render(case: ProgressRow) -> None:
    assert_drawn(pixels(progress_chart([case], "Indicateurs", LEGEND)))


def test_progress_fraction() -> None:
    assert progress_fraction(row(baseline=None, current=5, target=10)) == pytest.approx(0.5)
    assert progress_fraction(row(baseline=3, current=3, target=3)) == 1.0
    assert progress_fraction(row(baseline=3, current=2, target=3)) == 0.0
    assert progress_fraction(row(baseline=250, current=180, target=150)) == pytest.approx(0.7)
    assert progress_fraction(row(baseline=5, current=7, target=3)) == pytest.approx(-1.0)
    assert progress_fraction(row(current=None)) is None


# --- dashboard --------------------------------------------------------------------------------------------------


def test_dashboard_chart_is_a_phone_wide_drawn_png() -> None:
    stages = [
        ("Prospect", 4),
        ("Candidature en rédaction", 12),
        ("Revue par le comité", 3),
        ("Labellisée", 27),
    ]
    image = pixels(dashboard_chart(stages, 0.634, 0.8, "Tableau de bord — 46 coopératives", DASHBOARD_LEGEND))
    assert_drawn(image)
    assert image.shape[0] >= 500


@pytest.mark.parametrize(
    "stages, share", [([], 0.0), ([("Prospect", 0)], 1.5), ([("Labellisée", 3)], float("nan"))]
)
def test_dashboard_edge_cases_still_render(stages: list[tuple[str, int]], share: float) -> None:
    assert_drawn(pixels(dashboard_chart(stages, share, 0.8, "Tableau de bord", DASHBOARD_LEGEND)))


# --- iCalendar --------------------------------------------------------------------------------------------------

EVENTS = [
    IcsEvent(
        "committee-2027@qualicoop",
        "Comité « Quali’Coop » : séance d’été",
        datetime(2027, 7, 1, 9, tzinfo=PARIS),
        description="Ordre du jour ; dossiers, votes\net questions diverses \\ fin",
        url="https://example.org/comite?a=1,2;b",
        location="Paris, salle « Œuvre »",
    ),
    IcsEvent("deadline-2027@qualicoop", "Date limite de dépôt des dossiers", date(2027, 2, 15)),
    IcsEvent(
        "webinar-2027@qualicoop",
        "Webinaire d’accueil",
        datetime(2027, 3, 3, 9, tzinfo=PARIS),
        end=datetime(2027, 3, 3, 10, 30, tzinfo=PARIS),
    ),
    IcsEvent(
        "long@qualicoop",
        "Réunion " + "très longue, ééé €€€ « » " * 8,
        datetime(2027, 3, 3, 8, tzinfo=UTC),
    ),
]


@pytest.fixture(scope="module")
def ics() -> bytes:
    return build_ics(EVENTS, "Quali’Coop — calendrier", NOW)


@pytest.fixture(scope="module")
def calendar(ics: bytes) -> Calendar:
    return Calendar.from_ical(ics)


def events_by_uid(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_calendar_header(calendar: Calendar) -> None:
    assert str(calendar["PRODID"]) == "-//Quali'Coop//Assistant//FR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Quali’Coop — calendrier"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_summaries_and_texts_round_trip(calendar: Calendar) -> None:
    events = events_by_uid(calendar)
    assert [str(events[event.uid]["SUMMARY"]) for event in EVENTS] == [event.summary for event in EVENTS]
    summer = events["committee-2027@qualicoop"]
    assert str(summer["DESCRIPTION"]) == EVENTS[0].description
    assert str(summer["LOCATION"]) == EVENTS[0].location
    assert str(summer["URL"]) == EVENTS[0].url
    assert summer.decoded("DTSTAMP") == NOW


def test_all_day_event(calendar: Calendar) -> None:
    event = events_by_uid(calendar)["deadline-2027@qualicoop"]
    assert event.decoded("DTSTART") == date(2027, 2, 15)
    assert not isinstance(event.decoded("DTSTART"), datetime)
    assert event.decoded("DTEND") == date(2027, 2, 16)


def test_timed_events_in_paris_time(ics: bytes, calendar: Calendar) -> None:
    events = events_by_uid(calendar)
    winter, summer = events["webinar-2027@qualicoop"], events["committee-2027@qualicoop"]
    assert winter.decoded("DTSTART").astimezone(UTC) == datetime(2027, 3, 3, 8, tzinfo=UTC)
    assert winter.decoded("DTEND").astimezone(UTC) == datetime(2027, 3, 3, 9, 30, tzinfo=UTC)
    assert summer.decoded("DTSTART").astimezone(UTC) == datetime(2027, 7, 1, 7, tzinfo=UTC)
    assert summer.decoded("DTEND") - summer.decoded("DTSTART") == timedelta(hours=1)  # default length
    assert b"DTSTART;TZID=Europe/Paris:20270303T090000\r\n" in ics
    long = next(block for block in ics.split(b"BEGIN:VEVENT") if b"UID:long@" in block)
    assert b"DTSTART;TZID=Europe/Paris:20270303T090000\r\n" in long  # converted from UTC


def test_lines_are_crlf_and_folded_at_75_octets(ics: bytes) -> None:
    assert ics.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in ics.replace(b"\r\n", b"")
    lines = ics.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long summary was folded
    for line in lines:
        line.decode("utf-8")  # each physical line is valid UTF-8: no character cut in two


def unfolded(ics: bytes) -> bytes:
    """The content lines as written before folding (RFC 5545 §3.1: CRLF and one space are removed)."""
    return ics.replace(b"\r\n ", b"")


@pytest.mark.parametrize("shift", range(4))
def test_folding_never_splits_a_character(shift: int) -> None:
    # the shift moves the 75-octet limit inside each kind of character: 2, 3 and 4 octets long
    summary = "x" * shift + "é€😀« »" * 30
    ics = build_ics([IcsEvent("fold@qualicoop", summary, date(2027, 2, 15))], "Q", NOW)
    for line in ics.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    assert str(Calendar.from_ical(ics).walk("VEVENT")[0]["SUMMARY"]) == summary


def test_texts_are_escaped_on_the_wire(ics: bytes) -> None:
    lines = unfolded(ics).split(b"\r\n")
    description = "DESCRIPTION:Ordre du jour \\; dossiers\\, votes\\net questions diverses \\\\ fin"
    assert description.encode() in lines
    assert "LOCATION:Paris\\, salle « Œuvre »".encode() in lines
    assert b"URL:https://example.org/comite?a=1,2;b" in lines  # a URI is not TEXT: nothing escaped


def test_control_characters_are_dropped() -> None:
    event = IcsEvent(
        "ctl@qualicoop",
        "Bell\x07 and\x00 nul\ttab",
        date(2027, 2, 15),
        description="one\r\ntwo\rthree\x0b",
        url="https://example.org/\r\nvisio\x07",
    )
    ics = build_ics([event], "Q\x1b", NOW)
    assert not set(ics) & (set(range(32)) - {9, 10, 13})  # tabs, and CRLF between lines, only
    parsed = Calendar.from_ical(ics)
    vevent = parsed.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Bell and nul\ttab"
    assert str(vevent["DESCRIPTION"]) == "one\ntwo\nthree"
    assert str(vevent["URL"]) == "https://example.org/visio"
    assert str(parsed["X-WR-CALNAME"]) == "Q"


def test_paris_wall_times_follow_the_time_zone_database() -> None:
    # every 13 hours over three years: each hour of the day, in every season, across six clock changes
    moments = [datetime(2026, 1, 1, 0, 30, tzinfo=UTC) + timedelta(hours=13 * step) for step in range(2024)]
    events = [IcsEvent(f"{index}@qualicoop", "Point", moment) for index, moment in enumerate(moments)]
    calendar = Calendar.from_ical(build_ics(events, "Q", NOW))
    starts = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    # what a client without the time-zone database reads: the VTIMEZONE embedded in the file
    embedded = calendar.walk("VTIMEZONE")[0].to_tz()
    for index, moment in enumerate(moments):
        start = starts[f"{index}@qualicoop"]["DTSTART"]
        wall_clock = moment.astimezone(PARIS).replace(tzinfo=None)
        assert start.params["TZID"] == "Europe/Paris"
        assert start.dt.replace(tzinfo=None) == wall_clock
        assert start.dt.astimezone(UTC) == moment
        assert wall_clock.replace(tzinfo=embedded).astimezone(UTC) == moment


def test_the_clock_change_itself() -> None:
    change = datetime(2027, 3, 28, 1, tzinfo=UTC)  # 02:00 CET becomes 03:00 CEST
    events = [
        IcsEvent("before@q", "Avant", change - timedelta(seconds=1)),
        IcsEvent("after@q", "Après", change),
    ]
    lines = unfolded(build_ics(events, "Q", NOW)).split(b"\r\n")
    assert b"DTSTART;TZID=Europe/Paris:20270328T015959" in lines
    assert b"DTSTART;TZID=Europe/Paris:20270328T030000" in lines


def test_naive_times_are_paris_wall_clock_and_a_short_end_gets_an_hour() -> None:
    event = IcsEvent("naive@q", "Visio", datetime(2027, 7, 1, 9), end=datetime(2027, 7, 1, 8))
    vevent = Calendar.from_ical(build_ics([event], "Q", NOW)).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART").astimezone(UTC) == datetime(2027, 7, 1, 7, tzinfo=UTC)
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == timedelta(hours=1)


def test_all_day_ends_are_exclusive_dates() -> None:
    inclusive = IcsEvent("same@q", "Comité", date(2027, 3, 1), end=date(2027, 3, 1))
    timed_end = IcsEvent("timed@q", "Visite", date(2027, 3, 1), end=datetime(2027, 3, 3, 12, tzinfo=PARIS))
    events = events_by_uid(Calendar.from_ical(build_ics([inclusive, timed_end], "Q", NOW)))
    assert events["same@q"].decoded("DTEND") == date(2027, 3, 2)
    assert events["timed@q"].decoded("DTEND") == date(2027, 3, 3)
    assert not isinstance(events["timed@q"].decoded("DTEND"), datetime)


def test_calendar_without_timed_events_has_no_time_zone() -> None:
    calendar = Calendar.from_ical(build_ics([EVENTS[1]], "Q", NOW))
    assert not calendar.walk("VTIMEZONE")
    assert len(calendar.walk("VEVENT")) == 1
