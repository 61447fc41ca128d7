"""What changed between two stored versions of a dossier, and how it reads in both languages."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from conversations.render.changes import revision_text, revision_view
from locales import translator
from models.dossier.changes import Revision, content_changes
from models.referential.parsing import default_referential


def version() -> dict:
    """A stored content: engagements 1 and 6, one indicator each, an action, a document."""
    indicator = {
        "id": 10, "engagement_code": 1, "title": "Part de logements BRS", "rationale": "Parce que.",
        "value_kind": "number", "unit": "percent", "current_value": "12.5", "target_value": "20",
        "target_date": "2028-05-31",
        "actions": [{"id": 100, "description": "Former l’équipe", "owner": "La directrice", "due_date": "2027-03-01",
                     "due_precision": "month"}],
    }  # fmt: skip
    other = {
        **copy.deepcopy(indicator),
        "id": 60,
        "engagement_code": 6,
        "title": "Rapport annuel",
        "actions": [],
    }
    return {
        "engagements": [1, 6],
        "indicators": [indicator, other],
        "involvement": {"approach": "Notre démarche."},
        "attachments": [
            {"kind": "commitment_letter", "label": "Lettre", "file_name": "l.pdf", "sha256": "a"}
        ],
    }


def test_nothing_changed():
    assert content_changes(version(), version()) == []


def test_fields_actions_engagements_and_documents():
    before, after = version(), version()
    after["indicators"][0]["target_value"] = "25"
    after["indicators"][0]["actions"][0]["due_date"] = "2027-06-01"
    after["indicators"][0]["actions"].append(
        {"id": 101, "description": "Enquête", "owner": "", "due_date": None}
    )
    after["engagements"] = [1, 9]
    after["indicators"][1] = {
        **after["indicators"][1],
        "engagement_code": 9,
        "id": 90,
        "title": "Taux d’impayés",
    }
    after["involvement"]["approach"] = "Notre démarche, précisée."
    after["attachments"].append({"kind": "supporting", "label": "CR", "file_name": "cr.pdf", "sha256": "b"})
    kinds = [(c.kind, c.engagement, c.field) for c in content_changes(before, after)]
    assert kinds == [
        ("indicator_changed", 1, "target_value"),
        ("action_changed", 1, "due_date"),
        ("action_added", 1, None),
        ("engagement_removed", 6, None),  # its indicator goes with it, not listed apart
        ("engagement_added", 9, None),
        ("indicator_added", 9, None),
        ("involvement_changed", None, "approach"),
        ("document_added", None, None),
    ]


def test_the_changes_read_old_to_new_in_each_language():
    before, after = version(), version()
    after["indicators"][0]["target_value"] = "25"
    after["indicators"][0]["actions"][0]["due_date"] = "2027-06-01"
    revision = Revision(
        datetime(2026, 11, 3, 9, tzinfo=UTC), datetime(2026, 12, 1, 9, tzinfo=UTC), "Précisez la cible.",
        tuple(content_changes(before, after)),
    )  # fmt: skip
    referential = default_referential()
    french = revision_text(translator("fr"), revision_view(translator("fr"), referential, revision))
    assert "Le comité a lu la version soumise le mardi 3 novembre 2026 à 10 h 00" in french
    assert "demandé des compléments le mardi 1er décembre 2026 à 10 h 00" in french
    assert "• Valeur cible\u00a0: 20\u00a0% → 25\u00a0%" in french
    assert "• Action «\u00a0Former l’équipe\u00a0»\u00a0: Échéance\u00a0: mars 2027 → juin 2027" in french
    english = revision_text(translator("en"), revision_view(translator("en"), referential, revision))
    assert "• Target value: 20% → 25%" in english and " :" not in english


def test_a_long_list_is_cut_in_the_chat():
    before, after = version(), version()
    after["attachments"] += [
        {"kind": "supporting", "label": f"Pièce {n}", "file_name": f"{n}.pdf", "sha256": str(n)}
        for n in range(20)
    ]
    revision = Revision(
        datetime(2026, 11, 3, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
        "",
        tuple(content_changes(before, after)),
    )
    text = revision_text(translator("fr"), revision_view(translator("fr"), default_referential(), revision))
    assert text.count("• Ajout") == 12 and "… et 8 autres changements\u00a0: voir le PDF." in text


def test_the_pdf_has_every_action_in_full_the_chat_a_short_line():
    long = "Former l’ensemble de l’équipe d’accession au bail réel solidaire et présenter le dispositif FIN"
    before, after = version(), version()
    after["indicators"][0]["actions"].append({"id": 101, "description": long, "owner": "", "due_date": None})
    after["indicators"][0]["actions"][0]["description"] = long
    revision = Revision(
        datetime(2026, 11, 3, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
        "",
        tuple(content_changes(before, after)),
    )
    view = revision_view(translator("fr"), default_referential(), revision)
    assert [change.what for change in view.changes] == [
        f"Action «\u00a0{long}\u00a0»\u00a0: Action",
        f"Nouvelle action «\u00a0{long}\u00a0»",
    ]
    chat = revision_text(translator("fr"), view)
    assert "FIN" not in chat and chat.count("présenter…") == 2  # cut between words
