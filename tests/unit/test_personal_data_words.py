"""The readable /mesdonnees says every stored value the reader's way: codes in words, numbers and dates
in their language and format, no internal names; the JSON file keeps what is stored."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from bot.delivery.notifications import JOURNEY_NOTICES
from conversations.consultation.notices import OPENED
from conversations.federation.inbox import REPLY
from conversations.federation.request_drafts import FILE_TO_FEDERATION, TO_FEDERATION
from conversations.render import notifications
from conversations.render.commitments.personal_data import export_json, export_text
from conversations.render.commitments.personal_words import NEWS_KINDS
from locales import translator
from models.announcements import REPORT
from models.label.bilans import SENT_NEWS
from models.team import JOINED_NEWS, REMOVED_NEWS

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
AT = "2026-11-23T09:30:00Z"


def audit(entity: str, action: str, field: str | None = None, new: str | None = None, entity_id=1) -> dict:
    """An audit entry as the export reads it from the database."""
    return {"at": AT, "entity": entity, "entity_id": entity_id, "action": action, "field": field,
            "new_value": new, "old_value": None, "actor_id": 7, "coop_id": 1, "id": 1}  # fmt: skip


ROWS = {
    "member": [{"role": "member", "joined_at": AT, "id": 1, "coop_id": 1, "user_id": 7}],
    "federationrole": [{"role": "committee", "telegram_id": 7, "id": 1, "created_at": AT}],
    "user": [{"first_name": "Zélie", "language": "fr", "telegram_language": "en-GB", "is_active": True}],
    "chatstate": [{"screen": "home", "data": '{"id": 12, "draft": "Notre texte", "flag": true}'}],
    "appsession": [{"opened_at": AT, "changed": '["dossier:1:approach", "indicator:3:new", "engagement:5"]'}],
    "auditentry": [
        audit("member", "join", new="member"),
        audit("indicator", "update", "current_value", "12.5"),
        audit("indicator", "update", "target_date", "2028-05-31"),
        audit("indicator", "update", "value_kind", "number"),
        audit("action", "update", "due_date", "2027-03-31", entity_id=4),
        audit("action", "update", "due_precision", "month", entity_id=4),
        audit("action", "update", "due_precision", "day", entity_id=9),  # alone: a day typed again
        audit("action", "update", "status", "in_progress", entity_id=4),
        audit("attachment", "create", "commitment_letter", "lettre (lettre.pdf)"),
        audit("dossier", "request_info", "status", "info_requested: Précisez l’indicateur 2"),
        audit("dossier", "ask_letter"),
        audit("invitation", "failed_join", new="expired"),
        audit("consultation", "update", "for_members", "True"),
        audit("consultation", "update", "public_token", "abcdef"),
        audit("announcement", "approve", new="VisioCoop (12 recipients)"),
    ],
    "notification": [
        {
            "kind": "letter_added",
            "status": "sent",
            "created_at": AT,
            "payload": '{"name": "ancien membre", "coop": "Coop Oubli", "complete": true}',
        },
        {
            "kind": "decision",
            "status": "pending",
            "created_at": AT,
            "payload": '{"transition": "refuse", "date": "2026-11-23", "cycle": 1, "closed": ["six_months"]}',
        },
        {
            "kind": "team_joined",
            "status": "pending",
            "payload": '{"name": "Bob", "coop": "C", "role": "member"}',
        },
    ],
    "sentreminder": [{"event_key": "checkpoint:12", "status": "sent", "kind": "six_months", "lead_days": 30}],
    "consultationanswer": [{"choices": "[2, 4]", "answered_at": AT}],
    "requestthread": [{"subject": "indicators", "status": "open"}],
    "attachment": [{"kind": "commitment_letter", "mime_type": "application/pdf", "file_name": "lettre.pdf"}],
    "announcement": [
        {"status": "draft", "audience": "stage", "audience_value": "preparing", "title": "Visio"}
    ],
}
# every code stored above that must never reach a person as it is
CODES = ("member", "committee", "home", "in_progress", "number", "commitment_letter", "info_requested",
         "expired", "abcdef", "letter_added", "decision", "team_joined", "pending", "sent", "checkpoint:12",
         "six_months", "indicators", "open", "draft", "stage", "preparing", "due_precision", "True")  # fmt: skip


def readable(language: str) -> str:
    """The readable export of ROWS in a language."""
    return export_text(translator(language), 7, ROWS, NOW).decode()


def values(text: str, colon: str) -> list[str]:
    """What follows « label : » on each line of the text (the last such value of a line)."""
    return [line.rsplit(colon, 1)[1].strip() for line in text.splitlines() if colon in line]


def test_french_reads_every_value_in_french():
    text = readable("fr")
    assert [code for code in CODES if code in values(text, "\u00a0:")] == []
    assert "Rôle\u00a0: membre\n" in text and "Rôle\u00a0: membre du comité de validation" in text
    assert (
        "Langue choisie\u00a0: français" in text
        and "Langue de votre application Telegram\u00a0: anglais" in text
    )
    assert "indicateur modifié (Valeur actuelle)\u00a0: 12,5\n" in text
    assert "indicateur modifié (Date cible)\u00a0: 31 mai 2028\n" in text
    assert "indicateur modifié (Type de valeur)\u00a0: 🔢 Un nombre" in text
    # a due date typed as a month: one line, as typed; a precision changed alone says so in words
    assert "action du plan modifiée (Échéance)\u00a0: mars 2027\n" in text
    assert "action du plan modifiée (Échéance)\u00a0: au jour près\n" in text
    assert "action du plan modifiée (Statut)\u00a0: En cours" in text
    assert "document fourni (Lettre d’engagement de la direction)\u00a0: lettre (lettre.pdf)" in text
    assert (
        "décision du comité sur le dossier\u00a0: Compléments demandés par le comité\u00a0: Précisez" in text
    )
    assert "lettre d’engagement demandée à la direction\n" in text
    assert "lien d’invitation qui n’a pas fonctionné\n" in text  # its outcome is for machines
    assert "consultation modifiée (Pour les membres)\u00a0: oui" in text
    assert "consultation modifiée\n" in text  # its public link's token: left out
    assert "annonce approuvée\u00a0: VisioCoop (12 destinataires)\n" in text
    assert "Type\u00a0: lettre d’engagement ajoutée" in text and "Statut\u00a0: envoi effectué" in text
    assert "Ce que disait la nouvelle\u00a0: ancien membre · Coop Oubli\n" in text  # no « True »
    assert "Ce que disait la nouvelle\u00a0: Non retenu par le comité · 23 novembre 2026\n" in text
    assert "Ce que disait la nouvelle\u00a0: Bob · C · membre\n" in text
    assert "Réponses en cours de saisie\u00a0: Notre texte\n" in text  # the draft, not the ids nor flags
    assert (
        "Champs modifiés dans la Mini App\u00a0: Démarche et objectifs, indicateur ajouté, engagement 5"
        in text
    )
    assert "Type\u00a0: Point d’étape à 6 mois" in text  # a reminder's checkpoint
    assert "Sujet\u00a0: Indicateurs" in text and "Statut\u00a0: en cours" in text
    assert "Type de fichier\u00a0: PDF" in text and "Envoyée à\u00a0: Par étape du label" in text
    for left_out in ("Écran", "Événement", "Choix\u00a0:", "Lesquelles"):  # nothing a person can read
        assert left_out not in text, left_out


def test_english_reads_every_value_in_english():
    text = readable("en")
    assert [code for code in CODES if code in values(text, ":") and code != "member"] == []
    assert "Kind: commitment letter added" in text and "Status: waiting to be sent" in text
    assert "indicator changed (Current value): 12.5\n" in text
    assert "action of the plan changed (Due date): March 2027\n" in text
    assert "announcement approved: VisioCoop (12 recipients)" in text
    assert "What the news said: former member · Coop Oubli\n" in text
    assert "Language chosen: French" in text and "Role: member of the validation committee" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_the_json_file_keeps_the_values_as_stored():
    stored = json.loads(export_json(7, ROWS, NOW))
    assert stored["tables"] == ROWS


def test_every_kind_of_news_the_assistant_sends_has_words():
    kinds = {
        notifications.SUBMITTED, notifications.SUBMITTED_COMMITTEE, notifications.DECISION,
        notifications.LETTER_FILE, notifications.NEW_CYCLE, notifications.READY_NEWS,
        notifications.LETTER_ASKED, notifications.LETTER_ADDED, JOINED_NEWS, REMOVED_NEWS, SENT_NEWS, REPORT,
        TO_FEDERATION, FILE_TO_FEDERATION, REPLY, OPENED,
    }  # fmt: skip
    kinds |= set(JOURNEY_NOTICES)  # each journey's own kinds, so that a new one cannot slip past
    assert kinds - set(NEWS_KINDS) == set()
