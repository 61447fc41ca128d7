"""A request's long question and long follow-ups read page by page, each page one Telegram message edited
in place on both sides, the whole question on one of them; the coop told when the federation closes its
request; /demandes and a request's file for someone in no coop (yet, or any more) say how to join or
which team they left, as /federation does."""

from __future__ import annotations

from sqlmodel import select

from conversations.render.commitments.requests import PAGE_UNITS, SHOWN_MESSAGES, thread_windows
from conversations.render.html import MESSAGE_LIMIT, units
from models.tables import DeliveryStatus, FederationRoleName, Notification, RequestThread
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.dossier_steps import LETTER_PDF, join

QUESTION = "DÉBUT DE LA QUESTION " + "question " * 310 + "FIN DE LA QUESTION"  # ~2,800 characters
FOLLOW_UPS = [f"SUITE {n} " + "suite " * 480 + f"FIN DE LA SUITE {n}" for n in (1, 2)]  # ~2,900 each


async def ask_at_length(lea) -> None:
    """A request whose question is under the 3,000 characters allowed, then two long follow-ups."""
    await lea.send("/federation")
    await lea.press("✍️ Nouvelle demande")
    await lea.press("📊 Indicateurs")
    await lea.paste(QUESTION)
    await lea.press("📤")
    for text in FOLLOW_UPS:
        await lea.press("✍️ Écrire")
        await lea.paste(text)


async def read_every_page(user, earlier: str) -> list[str]:
    """The pages from the latest to the oldest, each checked to be one message edited in place."""
    pages = [user.last_text]
    while earlier in user.buttons():
        count = len(user.messages)
        await user.press(earlier)
        assert len(user.messages) == count, "a page turn sent a new message instead of editing the screen"
        assert len(user.replies) == 1 and units(user.last_text) <= MESSAGE_LIMIT, [
            units(r.get("text", "")) for r in user.replies
        ]
        pages.append(user.last_text)
    return pages


def whole_on_some_page(text: str, pages: list[str]) -> bool:
    return any(text in page for page in pages)


async def test_a_long_question_and_long_follow_ups_turn_their_pages_in_place_on_both_sides(harness):
    lea = await join(harness, 9701, "fr", "Coop Longue", role="member")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await ask_at_length(lea)
    await lea.send("/federation")
    await lea.press("1 · ")
    assert len(lea.replies) == 1 and units(lea.last_text) <= MESSAGE_LIMIT
    latest = lea.last_text
    # the latest page: the question's start, where to read it whole, and the latest message whole
    assert "DÉBUT DE LA QUESTION" in latest and "FIN DE LA QUESTION" not in latest, latest
    assert "Question abrégée\u00a0: elle est en entier avec les premiers messages" in latest
    assert FOLLOW_UPS[1] in latest
    pages = await read_every_page(lea, "⬆️ Messages précédents")
    assert len(pages) == 3 and QUESTION in pages[-1], pages
    assert all(whole_on_some_page(text, pages) for text in (QUESTION, *FOLLOW_UPS))
    assert "⬇️ Messages suivants" in lea.buttons()
    count = len(lea.messages)
    await lea.press("⬇️ Messages suivants")
    await lea.press("⬇️ Messages suivants")
    assert len(lea.messages) == count and lea.last_text == latest

    await admin.send("/demandes")
    await admin.press("Coop Longue")
    assert len(admin.replies) == 1 and units(admin.last_text) <= MESSAGE_LIMIT
    pages = await read_every_page(admin, "⬆️ Messages précédents")
    assert all(whole_on_some_page(text, pages) for text in (QUESTION, *FOLLOW_UPS)), pages


def test_every_page_fits_one_message_and_every_message_is_on_one():
    """The pages of threads of every shape: none over ``PAGE_UNITS`` but a single message longer
    than it, the question whole on the oldest, each message on exactly one page."""
    shapes = [
        [100] * 31,
        [2900, 3000, 3000],
        [3400, 200, 3300, 50, 50, 3450],
        [3000] + [40] * 40 + [3100],
        [300, 5000, 20],  # a message longer than a page (its text escaped): a page of its own
        [3490],
        [10, 10],
    ]
    for sizes in shapes:
        windows = thread_windows(sizes, cut=420)
        shown = [i for window in windows for i in window.messages]
        assert sorted(shown) == list(range(1, len(sizes))), (sizes, windows)
        assert windows[-1].question == "whole" and windows[-1].messages.start == 1, (sizes, windows)
        for page, window in enumerate(windows):
            question = {"whole": sizes[0], "cut": 420}.get(window.question, 0)
            used = question + sum(sizes[i] for i in window.messages)
            assert used <= PAGE_UNITS or len(window.messages) == 1, (sizes, page, window)
            assert len(window.messages) <= SHOWN_MESSAGES
            assert page == 0 or window.question != "cut"
        assert windows[0].question, (sizes, windows)  # the latest page shows the question, maybe its start


async def test_the_coop_is_told_when_the_federation_closes_its_request(harness):
    lea = await join(harness, 9711, "fr", "Coop Close", role="direction")
    paul = harness.user(9712, "Paul", "fr")
    await paul.send(f"/start {lea.invitations.member_token}")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await lea.send("/federation")
    await lea.press("✍️ Nouvelle demande")
    await lea.press("📍")
    await lea.send("Quand a lieu notre point d’étape à six mois ?")
    await lea.press("📤")
    await harness.run_background()
    await admin.send("/demandes")
    await admin.press("Coop Close")
    await admin.press("✅ Clore")
    assert "✅ Clôturée\u00a0: Coop Close — 📍 Un point d’étape" in admin.last_text, admin.last_text
    seen_lea, seen_paul = len(lea.messages), len(paul.messages)
    await harness.run_background()
    await harness.run_background()  # told once
    told = [m.get("text", "") for m in lea.messages[seen_lea:]]
    assert told == [  # the question's own « ? » ends the sentence: no « ». » after it
        "✅ La fédération a clôturé votre demande «\u00a0Quand a lieu notre point d’étape à six mois ?\u00a0»\n"
        "📍 Un point d’étape\n\nSi vous y écrivez de nouveau, elle se rouvre."
    ], told
    assert len(paul.messages) == seen_paul  # who never wrote in it is not told, as of a reply
    await lea.press("💬 Voir la demande")
    assert "✅ Clôturée" in lea.last_text and "Close\n" not in lea.last_text + "\n", lea.last_text

    # closed then reopened before the notice goes: nothing is said; reopened by the coop writing, the same
    await admin.send("/demandes")
    await admin.press("Coop Close")
    await admin.press("🔓")
    await admin.press("Coop Close")
    await admin.press("✅ Clore")
    await admin.press("Coop Close")
    await admin.press("🔓")
    await admin.press("Coop Close")
    await admin.press("✅ Clore")
    await lea.send("/federation")
    await lea.press("1 · ")
    await lea.press("✍️ Écrire")
    await lea.send("Et pour le point à douze mois ?")
    seen_lea = len(lea.messages)
    await harness.run_background()
    assert len(lea.messages) == seen_lea, [m.get("text") for m in lea.messages[seen_lea:]]
    async with harness.database.transaction() as session:
        rows = (await session.exec(select(Notification).where(Notification.kind == "request_closed"))).all()
    assert [row.status for row in rows].count(DeliveryStatus.SENT) == 1, [(r.status, r.error) for r in rows]


async def test_someone_in_no_coop_is_told_how_to_join_or_which_team_they_left(harness):
    neo = harness.user(9721, "Néo", "fr")
    await neo.send("/demandes")
    assert "réservé aux administrateurs" not in neo.last_text
    assert "Vous ne faites pas encore partie d’une coopérative" in neo.last_text, neo.last_text

    direction = await join(harness, 9722, "fr", "Coop Départ", role="direction")
    lea = harness.user(9723, "Léa", "fr")
    await lea.send(f"/start {direction.invitations.member_token}")
    await lea.send("/federation")
    await lea.press("✍️ Nouvelle demande")
    await lea.press("📊")
    await lea.send("Notre question, avec un fichier.")
    await lea.press("📎")
    await lea.send_document("calcul.pdf", LETTER_PDF, "application/pdf")
    await lea.press("📤")
    sent, file_data = lea.find_button("📎 calcul.pdf")
    await direction.send("/dossier")
    await direction.press("🤝")
    await direction.press("➖ 2. Léa")
    await direction.press("🗑 Oui, retirer de l’équipe")
    await harness.run_background()

    await lea.press_data(sent, file_data)  # the file of her request, pressed once taken off the team
    assert not any(reply.get("document") for reply in lea.replies)
    assert "Ce bouton ne concerne pas" not in " ".join(lea.alerts)
    assert "Vous ne faites plus partie de l’équipe de Coop Départ" in lea.reply_text(), (
        lea.alerts,
        lea.replies,
    )
    await lea.send("/demandes")
    assert "Vous ne faites plus partie de l’équipe de Coop Départ" in lea.last_text, lea.last_text

    committee = harness.user(9724, "Comité", "fr")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, committee.id, FederationRoleName.COMMITTEE)
    await committee.send("/demandes")  # the committee: the administrators' inbox, not a coop's
    assert "réservé aux administrateurs de la fédération" in committee.last_text, committee.last_text
    async with harness.database.transaction() as session:
        assert (await session.exec(select(RequestThread))).one().status == "open"
