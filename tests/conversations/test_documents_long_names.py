"""Thirty supporting documents with the longest labels and file names the product accepts: the
documents' screen stays one message (labels and names shortened there with « … »), each document's own
screen saying its label and name whole."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.files import FileStore
from models.tables import Attachment, AttachmentKind, Dossier
from tests.dossier_steps import join, open_home

LABEL = "Compte rendu de l’assemblée générale extraordinaire des coopérateurs " * 3  # 201
FILE = "compte-rendu-assemblee-generale-extraordinaire-" * 5  # 235


async def test_thirty_documents_with_long_names_are_one_screen(world):
    harness, _clock = world
    director = await join(harness, 8800001, "fr", "Coop Archives")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        for n in range(30):
            content = b"%PDF-1.4 " + bytes([n]) * 500
            sha = await FileStore(harness.database).keep(session, content)
            label = f"{n + 1:02d} {LABEL}"[:200]
            session.add(
                Attachment(
                    dossier_id=dossier.id, kind=AttachmentKind.SUPPORTING, label=label,
                    file_name=f"{n + 1:02d}-{FILE}.pdf", mime_type="application/pdf",
                    size=len(content), sha256=sha, uploaded_by=director.id,
                )
            )  # fmt: skip
    await open_home(director)
    sent = await director.press("📎 Documents")
    assert len(sent) == 1, [len(m.get("text", "")) for m in sent]  # one screen, edited in place
    screen = director.last_text
    assert len(screen) <= 4096
    assert "30. «\u00a030 Compte rendu" in screen and "…" in screen
    await director.press("📄 30 · ")
    assert f"30 {LABEL}"[:200].strip() in director.last_text  # its own screen: whole
    assert f"30-{FILE}.pdf" in director.last_text
