"""A request (or the federation's reply) in « fancy » letters reaches its readers: its notice fits one
Telegram message, the words beyond it read in the request.

3,000 characters are allowed; pasted 𝐁𝐨𝐥𝐝 letters or emoji count two each as Telegram counts, so the
notice « 📨 Nouvelle demande de … » with the text whole was refused (« message is too long »), tried
again and failed: the admins never knew of the request, the coop never got the reply, nobody was told.
"""

from __future__ import annotations

from sqlmodel import select

from conversations.render.html import MESSAGE_LIMIT, units
from models.tables import DeliveryStatus, Notification
from tests.conftest import ADMIN_ID
from tests.dossier_steps import join

BOLD = {c: chr(0x1D41A + ord(c) - ord("a")) for c in "abcdefghijklmnopqrstuvwxyz"}
FANCY = " ".join(["𝐁" + "".join(BOLD[c] for c in "onjour")] * 340) + " ?"  # 2,721 characters, 4,762 units
GOES_ON = "✂️ Le message continue dans la demande\u00a0: ouvrez-la pour le lire en entier."


async def all_sent(harness) -> list[tuple[str, str]]:
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(Notification))).all()
    return [(n.kind, n.status) for n in rows if n.status != DeliveryStatus.SENT]


async def test_a_request_in_fancy_letters_reaches_the_federation(harness):
    assert len(FANCY) <= 3000 and units(FANCY) > MESSAGE_LIMIT
    lea = await join(harness, 9801, "fr", "Coop Fantaisie", role="member")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/start")
    await lea.send("/federation")
    await lea.press("✍️ Nouvelle demande")
    await lea.press("📊 Indicateurs")
    await lea.paste(FANCY)
    await lea.press("📤")
    await harness.run_background()
    assert await all_sent(harness) == []
    notice = admin.last_text
    assert notice.startswith("📨 Nouvelle demande de Coop Fantaisie") and notice.endswith(GOES_ON)
    assert units(notice) <= MESSAGE_LIMIT and notice.count("𝐁") > 250  # as much as fits
    seen = len(admin.messages)
    await admin.press("📨 Ouvrir la demande")
    opened = "".join(m.get("text", "") for m in admin.messages[seen:])
    assert opened.count("𝐁") == 340  # whole there


async def test_the_federation_s_reply_in_fancy_letters_reaches_the_coop(harness):
    lea = await join(harness, 9802, "fr", "Coop Réponse", role="member")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await lea.send("/federation")
    await lea.press("✍️ Nouvelle demande")
    await lea.press("📊 Indicateurs")
    await lea.send("Comment compter les associés ?")
    await lea.press("📤")
    await harness.run_background()
    await admin.send("/demandes")
    await admin.press("Coop Réponse")
    await admin.press("✍️")
    await admin.paste(FANCY)
    await harness.run_background()
    assert await all_sent(harness) == []
    assert lea.last_text.startswith("💬 Réponse de la fédération") and lea.last_text.endswith(GOES_ON)
