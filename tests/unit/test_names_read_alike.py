"""A name, a title or a choice is the same to a person however it is dressed: a hyphen or a space
(« Saint-Étienne » / « saint etienne »), a final dot, quotes, a leading emoji, « Œ » or « Oe », « ’ » or
« ' », two spaces or one. One key says it (``models.parsing.names.loose_name_key``) for coops, indicators,
shared choices and a ballot's choices; lists skip what comes before a name's first letter.

Before, the loose key kept hyphens, dots, quotes and emoji: /export and the CLI missed « saint etienne
habitat » or « "Zeta" »; « 🏠 Maison » was listed after « Zeta », « "Le Toit" » and « (Re)Bâtir » before
« Abri »; shared choices split « Œuvres sociales » from « Oeuvres sociales » (``fold`` keeps « œ ») and put
« Éco-gestes » after « Zeta » (code points), cut from the top 3; a ballot kept « l'AG » and « l’AG » as two
buttons; the next cycle lost an indicator retitled from « Taux d'impayés » to « Taux d’impayés »; a gap
named two indicators « Taux de vacance » and « taux de vacance » apart by one letter, without their numbers.
"""

from __future__ import annotations

from conversations.render.gaps import indicator_names
from locales import translator
from models.consultations.drafts import parse_choices
from models.dossier.practices import group_choices
from models.dossier.reads import DossierSnapshot
from models.label.renewal.results import carried_key
from models.parsing.names import loose_name_key, names_holding, names_matching, reading_order
from models.referential.parsing import default_referential
from models.tables import Coop, Dossier, Indicator, PracticeSharing


def test_a_name_is_the_same_without_its_dress():
    alike = {
        "Saint-Étienne Habitat": [
            "saint etienne habitat",
            "Saint–Étienne  Habitat",
            "SAINT ETIENNE HABITAT.",
        ],
        "Coop du Lac.": ["Coop du Lac", "coop du lac !", "« Coop du Lac »"],
        "Zeta": ['"Zeta"', "« Zeta »", "ZETA.", "(Zeta)"],
        "🏠 Maison": ["maison", "🏠Maison", "Maison 🏠"],
        "L’Abri": ["L’ Abri", "l'abri", "L' ABRI"],
        "Œuvres sociales": ["Oeuvres sociales", "œuvres sociales."],
        "Taux d'impayés": ["Taux d’impayés", "taux  d'impayes"],
    }
    for name, spellings in alike.items():
        for spelling in spellings:
            assert loose_name_key(spelling) == loose_name_key(name), (spelling, name)
    assert loose_name_key("Coop 12") != loose_name_key("Coop 13")
    assert loose_name_key("🏠") != loose_name_key("🌳")  # nothing but its dress: that is the name
    assert loose_name_key("Élan Habitat") == loose_name_key("Elan-Habitat")


def test_export_and_the_cli_find_a_coop_however_its_name_is_dressed():
    named = [
        (1, "Saint-Étienne Habitat"),
        (2, "Coop du Lac."),
        (3, "Zeta"),
        (4, "🏠 Maison"),
        (5, "Élan Habitat"),
    ]
    for typed, meant in [
        ("saint etienne habitat", 1), ("Saint–Étienne Habitat", 1), ("Coop du Lac", 2), ('"Zeta"', 3),
        ("« Zeta »", 3), ("maison", 4), ("elan habitat", 5),
    ]:  # fmt: skip
        assert names_matching(typed, named) == [meant], typed
    assert names_matching("Élan", named) == []  # a part of a name finds none: /export alone lists them


def test_lists_read_a_name_from_its_first_letter():
    coops = [
        Coop(id=n, name=name)
        for n, name in enumerate(["Zeta", "🏠 Maison", '"Le Toit"', "(Re)Bâtir", "Abri"])
    ]
    assert [coop.name for coop in sorted(coops, key=reading_order)] == [
        "Abri", '"Le Toit"', "🏠 Maison", "(Re)Bâtir", "Zeta"
    ]  # fmt: skip


def _shared(coop_id: int, title: str, n: int = 1):
    """Coop ``coop_id``'s indicator of engagement 1 titled so, shared."""
    indicator = Indicator(id=coop_id * 10 + n, dossier_id=coop_id, engagement_code=1, title=title, position=n)
    return (
        indicator,
        PracticeSharing(coop_id=coop_id, indicators=True),
        Dossier(id=coop_id, coop_id=coop_id, cycle=1),
    )


def test_shared_choices_count_one_title_however_spelled_and_list_it_in_reading_order():
    rows = [_shared(1, "Œuvres sociales"), _shared(2, "Oeuvres sociales"), _shared(3, "Œuvres sociales.")]
    rows += [_shared(c, "Charte – adoptée", 2) for c in (1, 2)] + [_shared(3, "Charte - adoptée", 2)]
    assert sorted((c.title, len(c.coops)) for c in group_choices(rows, None)) == [
        ("Charte – adoptée", 3), ("Œuvres sociales", 3)
    ]  # fmt: skip
    rows = [
        _shared(c, title, n)
        for c in (1, 2, 3)
        for n, title in enumerate(
            ["Zeta logements livrés", "Éco-gestes diffusés", "ateliers participatifs"], 1
        )
    ]
    assert [c.title for c in group_choices(rows, None)] == [
        "ateliers participatifs", "Éco-gestes diffusés", "Zeta logements livrés"
    ]  # fmt: skip


def test_a_ballot_s_choices_are_one_when_they_read_alike():
    typed = "Réunion à l'AG\nRéunion à l’AG\nRéunion  à l'AG.\nEn visio"
    assert parse_choices(typed) == ["Réunion à l'AG", "En visio"]
    assert parse_choices("Oui\nNon") == ["Oui", "Non"]


def test_an_indicator_retitled_alike_is_carried_over():
    before = Indicator(engagement_code=3, title="Taux d'impayés")
    assert carried_key(Indicator(engagement_code=3, title="Taux d’impayés.")) == carried_key(before)
    assert carried_key(Indicator(engagement_code=4, title="Taux d'impayés")) != carried_key(before)


def test_a_gap_numbers_indicators_whose_titles_read_alike():
    titles = ["Taux de vacance", "taux  de vacance", "Taux d'impayés"]
    indicators = [
        Indicator(id=n, dossier_id=1, engagement_code=1, position=n, title=title)
        for n, title in enumerate(titles, 1)
    ]
    snapshot = DossierSnapshot(Dossier(id=1, coop_id=1, cycle=1), {1}, indicators)
    names = indicator_names(translator("fr"), snapshot, default_referential())
    quoted = lambda title: f"«\u00a0{title}\u00a0»"  # noqa: E731
    assert names == {
        1: quoted("Taux de vacance") + " n°\u00a01",
        2: quoted("taux de vacance") + " n°\u00a02",
        3: quoted("Taux d'impayés"),
    }


def test_a_minus_is_no_dress():
    """« -5 % » is no « 5 % » (a hyphen before a digit is a minus): a ballot keeps all three choices, two
    titles apart; a hyphen between words still reads as a space."""
    assert parse_choices("+5 %\n-5 %\n5 %") == ["+5 %", "-5 %", "5 %"]
    assert loose_name_key("Baisse -10 %") != loose_name_key("Baisse 10 %")
    assert loose_name_key("Saint-Étienne") == loose_name_key("saint etienne")


def test_a_part_of_a_name_is_held_by_the_names_whose_words_start_with_it():
    named = [
        (1, "Saint-Étienne Habitat"),
        (2, "L’Abri Familial"),
        (3, "Habitat & Humanisme"),
        (4, "🏠 Maison"),
    ]
    assert names_holding("hab", named) == [1, 3]
    assert names_holding("etienne saint", named) == [1]  # any order, without accents
    assert names_holding("abri", named) == [2]  # after an apostrophe
    assert names_holding("mais", named) == [4]  # an emoji is no word
    assert names_holding("bitat", named) == []  # inside a word: not a start
    assert names_holding("« »", named) == names_holding("", named) == []
