"""A full sample dossier for the PDF's tests, its benchmark and its pictures.

12 engagements × 3 indicators × 3 actions from the real referential, long texts (one rationale of
exactly 3,000 characters), four documents, a commitment letter as a two-page PDF or as a photo, and
the changes made since the committee asked for more information.
"""

from __future__ import annotations

import copy
import io
from datetime import UTC, date, datetime

from models.dossier.changes import Revision, content_changes
from models.dossier.reads import DossierSnapshot
from models.dossier.record import DossierRecord
from models.dossier.submission import dossier_content
from models.referential.parsing import default_referential
from models.tables import Action, Attachment, Coop, Dossier, DossierStatus, DossierVersion, Indicator

COOP = "Coop’Habitat Œuvre « Solidaire »"
NOW = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)  # « mardi 1er décembre 2026 à 9 h 30 » in Paris
LONG_START, LONG_END = "DÉBUT-DU-LONG-TEXTE", "FIN-DU-LONG-TEXTE"
LETTER_MARKS = ("LETTRE-PAGE-1", "LETTRE-PAGE-2")
SENTENCES = (
    "Nos logements restent abordables pour les ménages modestes grâce au bail réel solidaire. ",
    "L’indicateur montre chaque année si l’effort de la coopérative tient dans la durée. ",
    "Il a été choisi avec les coopérateurs lors de l’assemblée générale de juin (taux : 12 %). ",
    "Le conseil d’administration en suit l’évolution à chaque séance, chiffres à l’appui. ",
)
DOCUMENTS = (
    (
        "Compte rendu de l’assemblée générale",
        "compte_rendu_assemblee_generale_juin_2026_version_definitive_de_la_direction.pdf",
        "application/pdf",
    ),
    (
        "Enquête de satisfaction",
        "Enquête-satisfaction-locataires-2025-résultats-détaillés.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("Photo de la résidence rénovée", "PhotoResidenceLesTilleulsFacadeRenoveeAvantApres.jpg", "image/jpeg"),
)


def prose(length: int, start: str = "", end: str = "") -> str:
    """French prose of exactly ``length`` characters, in paragraphs of three sentences, with markers at its ends."""
    sentences = [start] if start else []
    while len(" ".join(sentences)) < length:
        sentences.append(SENTENCES[len(sentences) % len(SENTENCES)].strip())
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    text = "\n\n".join(paragraphs)[: length - len(end) - 1]
    text = text[: text.rindex(". ") + 1] if ". " in text else text  # whole sentences
    if not end:
        return text
    return text + " " * (length - len(text) - len(end)) + end  # the spaces print as one


def letter_pdf() -> bytes:
    """A two-page signed letter, as a director's PDF would be."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number, mark in enumerate(LETTER_MARKS, start=1):
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(72, 770, "Coop'Habitat - Lettre d'engagement de la direction")
        canvas.setFont("Helvetica", 11)
        for line in range(28):
            canvas.drawString(
                72, 720 - line * 18, f"Ligne {line + 1} de la lettre, page {number} : nous nous engageons."
            )
        canvas.drawString(72, 150, mark)
        canvas.drawString(360, 110, "La directrice, Mme Lefevre")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def letter_photo() -> bytes:
    """A photographed letter (JPEG), taller than wide."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((80, 80, 1160, 200), fill=(31, 95, 102))
    for line in range(40):
        draw.line((120, 300 + line * 32, 1100 - (line % 5) * 90, 300 + line * 32), fill=(60, 60, 60), width=4)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


VALUES = {"percent": ("12.5", "25"), "euro": ("1200", "1500.5"), "homes": ("35", "60"), "people": ("4", "12")}


def _indicators(referential, codes: list[int], per: int, actions: int) -> tuple[list, dict]:
    """Each engagement's suggested indicators (a milestone one when it suggests fewer), filled in, with plans."""
    indicators, plans = [], {}
    for code in codes:
        suggested = [
            (s.title.get("fr"), s.kind, s.unit) for s in referential.engagement(code).suggested_indicators
        ]
        suggested += [("Charte de la gouvernance partagée", "text", None), ("Bilan publié", "yes_no", None)]
        for position, (title, kind, unit) in enumerate(suggested[:per]):
            ident = code * 10 + position
            current, target = {
                "yes_no": ("no", "yes"),
                "text": ("Charte en projet", "Charte adoptée en AG"),
            }.get(kind, VALUES.get(unit, ("12", "20")))
            long = code == 6 and position == 1
            indicators.append(
                Indicator(
                    id=ident,
                    dossier_id=1,
                    engagement_code=code,
                    position=position,
                    title=title,
                    value_kind=kind,
                    unit=unit,
                    current_value=current,
                    target_value=target,
                    rationale=prose(3000, LONG_START, LONG_END) if long else prose(420 + 160 * position),
                    target_date=date(2028, 6, 1),
                )
            )
            plans[ident] = [
                Action(
                    id=ident * 10 + a,
                    indicator_id=ident,
                    position=a,
                    owner="Mme Lefèvre, directrice",
                    description=f"Action {a + 1} : former l’équipe d’accession au BRS et présenter le dispositif "
                    "aux locataires du parc social lors des réunions de résidence.",
                    due_date=date(2027, 3 + a, 1),
                    due_precision="month" if a == 2 else "day",
                )
                for a in range(actions)
            ]
    return indicators, plans


def _attachments(letter: str) -> list[Attachment]:
    """The letter (PDF or photo) and three supporting documents."""
    kind = (
        ("application/pdf", "lettre_engagement_direction_signee.pdf")
        if letter == "pdf"
        else ("image/jpeg", "photo-lettre-engagement.jpg")
    )
    files = [
        Attachment(
            id=1,
            dossier_id=1,
            kind="commitment_letter",
            label="Lettre signée par la directrice",
            file_name=kind[1],
            mime_type=kind[0],
            size=245_000,
            sha256="a" * 64,
            uploaded_at=datetime(2026, 11, 2, 10, tzinfo=UTC),
        )
    ]
    files += [
        Attachment(
            id=2 + n,
            dossier_id=1,
            kind="supporting",
            label=label,
            file_name=name,
            mime_type=mime,
            size=1_300_000 // (n + 1),
            sha256=str(n) * 64,
            uploaded_at=datetime(2026, 10, 1 + n, 10, tzinfo=UTC),
        )
        for n, (label, name, mime) in enumerate(DOCUMENTS)
    ]
    return files


def _revision(snapshot, attachments) -> Revision:
    """The coop answered the committee: one engagement added, figures and texts changed, a document added."""
    after = dossier_content(snapshot, attachments)
    before = copy.deepcopy(after)
    before["engagements"].remove(12)
    before["indicators"] = [i for i in before["indicators"] if i["engagement_code"] != 12]
    first = before["indicators"][0]
    first["target_value"], first["rationale"] = "20", "Parce que nos logements restent abordables."
    first["actions"].pop()
    before["involvement"]["members_consultation"] = "Pas encore."
    before["attachments"].pop()
    request = "Précisez la cible de l’engagement 1 et la consultation des coopérateurs."
    changes = content_changes(before, after)
    return Revision(
        datetime(2026, 11, 3, 9, tzinfo=UTC), datetime(2026, 11, 20, 14, tzinfo=UTC), request, changes
    )


def sample_record(
    status: str = DossierStatus.SUBMITTED,
    engagements: int = 12,
    indicators: int = 3,
    actions: int = 3,
    letter: str = "pdf",
    revision: bool = True,
) -> DossierRecord:
    """The sample dossier as its callers read it from the database."""
    referential = default_referential()
    codes = list(range(1, engagements + 1))
    rows, plans = _indicators(referential, codes, indicators, actions)
    dossier = Dossier(
        id=1,
        coop_id=1,
        cycle=1,
        status=status,
        version=89,
        approach=prose(1800),
        staff_information=prose(700),
        members_information=prose(500),
        members_consultation="Oui : une enquête auprès des locataires en avril (coût : 1 200 €).",
    )
    attachments = _attachments(letter)
    snapshot = DossierSnapshot(dossier, set(codes), rows, plans, attachments)
    submitted = DossierVersion(dossier_id=1, version=89, submitted_by=7, submitted_at=NOW)
    return DossierRecord(
        Coop(id=1, name=COOP, region="Auvergne-Rhône-Alpes"),
        snapshot,
        attachments,
        submitted,
        "Dominique",
        _revision(snapshot, attachments) if revision else None,
    )


def sample_report(language: str = "fr", letter: str = "pdf", **options):
    """The sample dossier as a report, its letter's bytes included."""
    from conversations.render.report import build_report
    from locales import translator

    content = letter_pdf() if letter == "pdf" else letter_photo()
    record = sample_record(letter=letter, **options)
    return build_report(translator(language), default_referential(), record, NOW, content)
