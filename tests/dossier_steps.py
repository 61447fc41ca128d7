"""Steps shared by the dossier conversation tests: join, choose engagements, fill an indicator."""

from __future__ import annotations

import re

from tests.harness import BotHarness, ChatUser

LABELS = {
    "fr": {
        "indicators": "📊 Indicateurs",
        "add_indicator": "➕ Ajouter un indicateur",
        "own_indicator": "✏️ Mon propre indicateur",
        "home": "🏠 Mon dossier",
        "involvement": "👥 Démarche",
        "answer": "✍️ Répondre",
        "ready": "✅ Marquer",
        "documents": "📎 Documents",
        "letter": "📎 Lettre d’engagement",
        "keep": "✅ Garder",
    },
    "en": {
        "indicators": "📊 Indicators",
        "add_indicator": "➕ Add an indicator",
        "own_indicator": "✏️ My own indicator",
        "home": "🏠 My dossier",
        "involvement": "👥 Approach",
        "answer": "✍️ Answer",
        "ready": "✅ Mark as ready",
        "documents": "📎 Documents",
        "letter": "📎 Commitment letter",
        "keep": "✅ Keep",
    },
}
# a small but real PDF, as a scanned letter would be
LETTER_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


async def join(
    harness: BotHarness, user_id: int, language: str, coop_name: str = "Coop Habitat", role: str = "direction"
) -> ChatUser:
    """A coop with a member who joined through its invitation link."""
    invitations = await harness.add_coop(coop_name)
    user = harness.user(user_id, language_code=language)
    token = invitations.direction_token if role == "direction" else invitations.member_token
    await user.send(f"/start {token}")
    user.invitations = invitations
    return user


async def choose(user: ChatUser, codes: list[int]) -> None:
    """Toggle engagements on from their axis screens."""
    labels = LABELS["fr" if _fr(user) else "en"]
    await user.send("/dossier")
    for code in codes:
        if not any(f" {code} · " in label for label in user.buttons()):
            if labels["home"] in " ".join(user.buttons()):
                await user.press(labels["home"], user.last)
            axis = (code - 1) // 4 + 1
            await user.press(("Axe " if _fr(user) else "Axis ") + str(axis), user.last)
        await user.press(f"⬜ {code} · ", user.last)


async def upload_letter(
    user: ChatUser,
    content: bytes = LETTER_PDF,
    file_name: str = "lettre-engagement.pdf",
    mime_type: str = "application/pdf",
) -> None:
    """The direction sends its signed commitment letter and keeps the proposed label."""
    labels = LABELS["fr" if _fr(user) else "en"]
    await open_home(user)
    await user.press(labels["documents"])
    await user.press(labels["letter"])
    await user.send_document(file_name, content, mime_type)
    await user.press(labels["keep"])


async def open_home(user: ChatUser) -> None:
    """/dossier, then home even if a question was pending."""
    await user.send("/dossier")
    home = LABELS["fr" if _fr(user) else "en"]["home"]
    if home in " ".join(user.buttons()):
        await user.press(home, user.last)


# an indicator's answers in English, for fill_suggested_indicator
FR_ANSWERS = {
    "rationale": "Parce que nos logements restent abordables.",
    "current": "12,5",
    "target": "30",
    "date": "05/2028",
    "action": "Former l’équipe",
    "owner": "La directrice",
    "due": "03/2027",
}
EN_ANSWERS = {
    "rationale": "It shows we house modest households.",
    "current": "12.5",
    "target": "25",
    "date": "May 2028",
    "action": "Train the sales team",
    "owner": "Sales manager",
    "due": "March 2027",
}


async def submit(director: ChatUser) -> None:
    """From the home: mark the dossier ready, then submit it (French)."""
    await open_home(director)
    await director.press("✅ Marquer")
    await director.press("📤 Soumettre")
    await director.press("✅ Oui, soumettre")


def _fr(user: ChatUser) -> bool:
    return user.tg.get("language_code", "fr").startswith("fr")


async def start_own_indicator(user: ChatUser, code: int) -> None:
    """From the home to the first question of a new indicator of the coop's own on an engagement."""
    labels = LABELS["fr" if _fr(user) else "en"]
    await open_home(user)
    await user.press(labels["indicators"])
    await user.press(f" {code} · ")
    await user.press(labels["add_indicator"])
    await user.press(labels["own_indicator"])


async def fill_suggested_indicator(user: ChatUser, code: int, answers: dict[str, str]) -> None:
    """Add the first suggested indicator of an engagement and answer every question."""
    labels = LABELS["fr" if _fr(user) else "en"]
    await open_home(user)
    await user.press(labels["indicators"])
    await user.press(f" {code} · ")
    await user.press(labels["add_indicator"])
    await user.press("1 · ")
    for key in ("rationale", "current", "target", "date", "action", "owner", "due"):
        answer = answers[key]
        if key in ("current", "target") and ("yes or no" in user.last_text or "oui ou non" in user.last_text):
            answer = {"current": "no", "target": "yes"}[key]
        elif key in ("current", "target") and re.search(
            r"(\d (homes|people|logements|personnes)|\n(ex\.|e\.g\.) 12)$", user.last_text
        ):
            answer = re.split(r"[,.]", answer)[0]  # homes, people and the referential's counts are whole
        await user.send(answer)
