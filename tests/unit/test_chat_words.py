"""The chat's words as pure functions: dates, meetings, units, plurals, and button labels."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from conversations.follow_up.progress import progress_rows
from conversations.render.charts import progress_fraction
from conversations.render.formatting import colon, format_value, labelled, value_example
from conversations.render.input_errors import input_error_text
from conversations.ui.messages import fitted, label_width
from locales import translator
from models.label.meetings import next_meeting_at
from models.parsing.text import InputError
from models.parsing.values import parse_unit, parse_value
from tests.keyboards import keyboard_problems
from tests.unit.test_translations import catalog, strings_of


def test_french_writes_the_first_of_a_month_as_an_ordinal():
    fr, en = translator("fr"), translator("en")
    assert fr.format_date(date(2026, 12, 1)) == "1er décembre 2026"
    assert fr.format_date(date(2026, 12, 1), "full") == "mardi 1er décembre 2026"
    assert fr.format_date(date(2026, 12, 11)) == "11 décembre 2026"
    assert fr.format_date(date(2026, 12, 1), "short") == "01/12/2026"  # digits stay digits
    assert fr.format_date(date(2026, 12, 1), "MMMM y") == "décembre 2026"
    assert (
        fr.format_datetime(datetime(2026, 11, 30, 23, 30, tzinfo=UTC)) == "mardi 1er décembre 2026 à 0 h 30"
    )
    assert en.format_date(date(2026, 12, 1)) == "1 December 2026"


@pytest.mark.parametrize(
    ("instant", "meeting"),
    [
        (datetime(2026, 11, 30, 22, 59, tzinfo=UTC), date(2026, 12, 1)),  # the day before, in Paris
        (datetime(2026, 12, 1, 12, 59, tzinfo=UTC), date(2026, 12, 1)),  # 13:59 in Paris: ahead
        (datetime(2026, 12, 1, 13, 0, tzinfo=UTC), date(2027, 3, 2)),  # 14:00: it has started
        (datetime(2026, 12, 1, 20, 50, tzinfo=UTC), date(2027, 3, 2)),  # 21:50: over
        (datetime(2026, 6, 2, 11, 30, tzinfo=UTC), date(2026, 6, 2)),  # summer time: 13:30 in Paris
        (datetime(2026, 6, 2, 12, 0, tzinfo=UTC), date(2026, 9, 1)),
    ],
)
def test_a_meeting_is_the_next_one_until_it_starts(instant, meeting):
    assert next_meeting_at(instant) == meeting


def test_a_configured_meeting_day_also_ends_at_the_meeting_time():
    configured = (date(2026, 12, 8), date(2027, 1, 12))
    assert next_meeting_at(datetime(2026, 12, 8, 9, 0, tzinfo=UTC), configured) == date(2026, 12, 8)
    assert next_meeting_at(datetime(2026, 12, 8, 15, 0, tzinfo=UTC), configured) == date(2027, 1, 12)


def test_a_unit_typed_by_a_coop_is_kept_and_its_numbers_read():
    assert parse_unit("  jours ouvrés ") == "jours ouvrés"
    assert parse_unit("Logements") == "homes" and parse_unit("%") == "percent"
    for typed, unit in (
        ("nombre", "count"),
        ("Un nombre.", "count"),
        ("number", "count"),
        ("pourcentage", "percent"),
    ):
        assert parse_unit(typed) == unit  # a unit's name, its button's word: the listed unit
    assert parse_unit("nombre de réunions") == "nombre de réunions"  # the coop's own words
    with pytest.raises(InputError):
        parse_unit("x" * 21)  # the unit column holds 20 characters
    for typed in ("12", "12 jours ouvrés", "12 Jours Ouvrés", "12jours ouvres", "12,0 jours ouvrés."):
        assert parse_value(typed, "fr", "number", "jours ouvrés") == "12"
    assert parse_value("3,5 m²", "fr", "number", "m²") == "3.5"
    with pytest.raises(InputError):
        parse_value("douze jours ouvrés", "fr", "number", "jours ouvrés")
    fr, en = translator("fr"), translator("en")
    assert format_value(fr, "1200", "number", "jours ouvrés") == "1\u202f200\u00a0jours ouvrés"
    assert value_example(fr, "number", "jours ouvrés") == "ex. 12\u00a0jours ouvrés"  # kept with its number
    assert format_value(en, "12", "number", "homes") == "12\u00a0homes"


def test_households_are_never_people():
    """« ménages » typed as a unit stays the coop's words; a count of households is whole."""
    for typed in ("ménages", "Households", "foyers"):
        assert parse_unit(typed) == typed.strip()
    assert parse_value("120 ménages", "fr", "number", "ménages") == "120"
    assert parse_value("120 households", "en", "number", "count") == "120"
    for language, unit in (("fr", "ménages"), ("en", "households")):
        with pytest.raises(InputError) as refused:
            parse_value("12,5" if language == "fr" else "12.5", language, "number", unit)
        assert refused.value.code == "not_whole"
    with pytest.raises(InputError) as refused:
        parse_value("120 ménages", "fr", "number", "people")
    assert refused.value.code == "unit_mismatch"


def test_a_unit_after_a_number_agrees_with_it():
    fr, en = translator("fr"), translator("en")
    assert format_value(fr, "1", "number", "homes") == "1\u00a0logement"
    assert format_value(fr, "0", "number", "homes") == "0\u00a0logement"  # French: 0 is singular
    assert format_value(fr, "2", "number", "people") == "2\u00a0personnes"
    assert format_value(fr, "1", "number", "days") == "1\u00a0jour"
    assert format_value(fr, "1.5", "number", "days") == "1,5\u00a0jours"
    assert format_value(en, "1", "number", "homes") == "1\u00a0home"
    assert format_value(en, "1", "number", "people") == "1\u00a0person"
    assert format_value(en, "0", "number", "people") == "0\u00a0people"
    assert format_value(en, "1", "number", "days") == "1\u00a0day"
    assert format_value(en, "1200", "number", "homes") == "1,200\u00a0homes"


def test_examples_and_refusals_write_numbers_each_language_s_way():
    fr, en = translator("fr"), translator("en")
    assert value_example(en, "number", "percent") == "e.g. 12.5%"
    assert value_example(en, "number", "euro") == "e.g. €1,200"
    assert value_example(fr, "number", "percent") == "ex. 12,5\u00a0%"
    assert value_example(fr, "number", "euro") == "ex. 1\u202f200\u00a0€"  # babel's group mark: one line
    over = InputError("percent_over_100", {"value": 150, "limit": 100})
    assert input_error_text(en, over, "150 %") == "A share cannot be more than 100%."
    assert input_error_text(fr, over, "150 %") == "Une part ne peut pas dépasser 100\u00a0%."


def test_a_label_and_its_value_in_each_language():
    assert labelled(translator("fr"), "Valeur cible", "25 %") == "Valeur cible\u00a0: 25 %"
    assert labelled(translator("en"), "Target value", "25%") == "Target value: 25%"
    assert colon(translator("en")) == ":"


def test_no_message_counts_with_a_parenthesised_plural():
    for language in ("fr", "en"):
        for message in catalog(language):
            if message.id:
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                for text in (*ids, *strings_of(message)):
                    assert "(s)" not in text and "(e)" not in text, text  # « informé(e) » neither


def test_button_labels_are_measured_as_a_phone_shows_them():
    assert label_width("⬅️ Retour") == 8  # the emoji's variation selector takes no room
    assert fitted("📄 2 · ", "Bilan annuel de la gérance locative") == "📄 2 · Bilan annuel…"
    assert label_width(fitted("📄 12 · ", "Bilan annuel de la gérance locative")) == 20
    assert fitted("📄 1 · ", "Statuts") == "📄 1 · Statuts"


def test_the_keyboard_check_finds_long_shared_rows_and_repeated_labels():
    row = [{"text": "📍 Point d’étape tenu (Point d’étape à 6 mois)"}, {"text": "⬅️ Retour"}]
    assert keyboard_problems([row]) and not keyboard_problems([row[:1], row[1:]])
    twice = [[{"text": "⬜ Action principale pour l’…"}], [{"text": "⬜ Action principale pour l’…"}]]
    assert keyboard_problems(twice) == ["'⬜ Action principale pour l’…' appears 2 times"]


def test_yes_no_indicators_are_on_the_progress_chart():
    def indicator(kind, baseline, current, target):
        return SimpleNamespace(
            title="Charte", value_kind=kind, unit=None, baseline_value=baseline,
            current_value=current, target_value=target,
        )  # fmt: skip

    snapshot = SimpleNamespace(
        indicators=[
            indicator("yes_no", "no", "yes", "yes"),
            indicator("number", "10", "20", "30"),
            indicator("text", None, "Charte écrite", "Charte adoptée"),  # a milestone has no scale
        ]
    )
    context = SimpleNamespace(t=translator("fr"), indicator_title=lambda indicator: indicator.title)
    rows = progress_rows(context, snapshot)
    assert [(r.baseline, r.current, r.target, r.current_text) for r in rows] == [
        (0.0, 1.0, 1.0, "oui"),
        (10.0, 20.0, 30.0, "20"),
    ]
    assert progress_fraction(rows[0]) == 1.0


def test_older_values_that_do_not_fit_their_kind_are_written_not_charted():
    """A number indicator holding « 12,5 % » as typed (stored before values had to fit their kind)."""
    from conversations.render.commitments.bilans import progress_row
    from conversations.render.commitments.practices import typical_target
    from models.dossier.practices import SharedChoice

    fr = translator("fr")
    item = {"title": "Part de BRS", "kind": "number", "unit": None, "current": "12,5 %", "target": "25"}
    assert progress_row(fr, item).current is None  # charted at its target, the value written as typed
    assert progress_row(fr, item).current_text == "12,5 %"
    assert progress_row(fr, {**item, "current": "12.5"}).current == 12.5
    assert progress_row(fr, {**item, "target": "beaucoup"}) is None  # no scale: not charted
    choice = SharedChoice(key="s:1a", suggested_code="1a")
    choice.shapes[("number", "percent")] = 4
    choice.targets += [
        (1, "20", "number", "percent"),
        (2, "30", "number", "percent"),
        (3, "40", "number", "percent"),
    ]
    choice.targets.append((4, "beaucoup", "number", "percent"))
    assert typical_target(fr, choice) == "30\u00a0%"


def test_older_values_that_do_not_fit_their_kind_leave_the_progress_chart_and_the_network_alone():
    """/progres's chart and the network's mean progress skip « 12,5 % » kept as typed (older data)."""
    from types import SimpleNamespace

    from conversations.follow_up.progress import progress_rows
    from conversations.render.commitments.bilans import chart_value
    from models.dossier.practices import progress_fraction
    from models.tables import Indicator

    typed = Indicator(engagement_code=1, title="Part de BRS", value_kind="number", current_value="12,5 %")
    typed.target_value = "25"
    assert chart_value("number", "12,5 %") is None and progress_fraction(typed) is None
    typed.current_value, typed.baseline_value = "20", "10"
    assert progress_fraction(typed) == 2 / 3
    typed.target_value = "beaucoup"
    context = SimpleNamespace(t=translator("fr"), indicator_title=lambda indicator: indicator.title)
    assert progress_rows(context, SimpleNamespace(indicators=[typed])) == []


def test_the_bilan_action_states_fit_two_to_a_row_in_every_language():
    """The bilan's action step shows its four states two to a row: each must fit a phone's half width
    in French too (« ⬜ Pas encore commencée » was cut)."""
    from conversations.render.commitments.bilans import ACTION_STATES
    from conversations.ui.messages import BUTTON_WIDTH, label_width

    for language in ("fr", "en"):
        t = translator(language)
        for mark, words in ACTION_STATES.values():
            label = f"{mark} {t.gettext(words)}"
            assert label_width(label) <= BUTTON_WIDTH, (language, label)
