"""Several files sent at once (an album of PDFs) to a request to the federation: the first goes with the
message, each next one is said not added.

Before: the next ones were named after the first (« rapport-2.pdf », « rapport-3.pdf ») in words meant
for a photo (« la première photo de l’album… envoyez-la »): the person, who sent « budget.pdf » and
« annexe.pdf », could not tell which files to send again. Now a document is named by its own name, in
words that fit a file, as the dossier's own refusals name it (``sent_name``); a photo, which has no name,
keeps its numbered one (``test_request_albums``, ``test_reply_albums``). The same path serves a coop's
request and an admin's reply."""

from __future__ import annotations

from tests.conversations.test_reply_albums import request_open
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import LETTER_PDF, join, open_home, submit

NAMES = ("rapport.pdf", "budget.pdf", "annexe.pdf")


async def documents_album(user, group: str) -> list[str]:
    """The three PDFs sent at once (one update each, one media_group_id): what each got, joined."""
    said = []
    for name in NAMES:
        update = user.harness.fake.user_document(user.tg, name, LETTER_PDF + name.encode(), "application/pdf")
        update["message"]["media_group_id"] = group
        user.replies = await user.harness.deliver(user.id, update)
        said.append(" ".join(m.get("text") or "" for m in user.replies))
    return said


async def test_a_submitted_dossier_s_album_of_documents_names_each_file_refused(harness):
    director = await join(harness, 9750501, "fr", "Coop Pièces")
    await complete_dossier(director)
    await submit(director)
    await open_home(director)
    said = await documents_album(director, "pieces")
    assert "📎 rapport.pdf" in director.last_text  # the first is held for the request
    for name, words in zip(NAMES[1:], said[1:], strict=True):
        assert f"Le fichier {name} n’a pas été ajouté\u00a0:" in words, words
        assert "le premier de l’album. Pour envoyer celui-ci, envoyez-le" in words, words
        assert "rapport-" not in words and "photo" not in words, words


async def test_an_admin_s_reply_with_an_album_of_documents_names_each_file_refused(harness):
    admin = await request_open(harness, 9750502)
    await admin.press("✍️")
    said = await documents_album(admin, "modeles")
    assert "rapport.pdf" in said[0] and "accompagnera votre réponse" in said[0], said[0]
    for name, words in zip(NAMES[1:], said[1:], strict=True):
        assert f"Le fichier {name} n’a pas été ajouté\u00a0: une réponse porte un seul" in words, words
        assert "rapport-" not in words and "photo" not in words, words
