"""Random updates, as odd as real users make them: what the conversation fuzzer sends.

Every choice comes from one ``random.Random``, so a seed replays the same sequence.
"""

from __future__ import annotations

import random
import string

from conversations.ui.callbacks import REGISTRY
from tests.harness import ChatUser

ALPHABETS = [
    string.ascii_letters + "     ",
    string.digits + " ,.-/:h%€",
    "<>&\"'</b><i>&amp;&lt;",
    "éèàçùôœ’«» ",
    "🏠😀👍🏽👨‍👩‍👧‍👦🇫🇷✅ ",
    "\u200f\u202e\u200eمرحبا שלום",
    "\n\t \u00a0\u202f",
]
READY_TEXTS = [
    "1 200,5",
    "12/03/2027",
    "mars 2027",
    "oui",
    "Non",
    "0",
    "-3",
    "1e9",
    "mardi 14h",
    "100 %",
    "∞",
]
COMMANDS = [
    "/start", "/help", "/language", "/cancel", "/dossier", "/recap", "/pdf", "/progres", "/bilan",
    "/calendrier", "/annonce", "/demandes", "/tableau", "/comite", "/export", "/parametres",
    "/mesdonnees", "/partage", "/federation", "/supprimer",
]  # fmt: skip
ODD_ARGS = [
    "",
    " ",
    " 12",
    " -1",
    " <b>",
    " &amp;",
    " c_",
    " c_zzz",
    " " + "x" * 70,
    " 99999999999999999999",
    " 🏠",
]
DOCUMENTS = [
    (
        "lettre.pdf",
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        "application/pdf",
    ),
    ("fake.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf"),
    ("../../etc/passwd.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image/jpeg"),
    (
        "tableau.xlsx",
        b"PK\x03\x04" + b"\x00" * 64,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("virus.exe", b"MZ\x90\x00" * 16, "application/x-msdownload"),
    ("é<b>&\u202e.pdf" + "x" * 200, b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    ("empty.pdf", b"", "application/pdf"),
]


def random_text(rng: random.Random) -> str:
    """A typed text: short mostly, sometimes long, rarely over Telegram's 4,096 characters."""
    if rng.random() < 0.15:
        return rng.choice(READY_TEXTS)
    length = rng.choice(
        [rng.randint(1, 12), rng.randint(1, 80), rng.randint(200, 1200), rng.randint(4000, 5000)]
    )
    alphabet = "".join(rng.sample(ALPHABETS, rng.randint(1, 3)))
    text = "".join(rng.choice(alphabet) for _ in range(length))
    return text if text.strip() else "x" + text


def mutated(rng: random.Random, data: str) -> str:
    """Callback data as a forger or a broken client sends it."""
    prefix, *args = data.split(":")
    choice = rng.randrange(6)
    if choice == 0 and args:
        args[rng.randrange(len(args))] = str(rng.choice([0, -1, 1, 2, 3, 10**6, 2**63]))
    elif choice == 1:
        args.append(rng.choice(["9", "x", ""]))
    elif choice == 2 and args:
        args.pop()
    elif choice == 3:
        prefix = rng.choice(sorted(REGISTRY))
    elif choice == 4 and args:
        args[rng.randrange(len(args))] = rng.choice(["abc", "", "1.5", "é", "<b>"])
    else:
        return "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 64)))
    return ":".join([prefix, *args])[:64]


def buttons_of(user: ChatUser) -> list[tuple[dict, str]]:
    """The (message, data) of every callback button among the chat's last messages."""
    found = []
    for message in user.messages[-6:]:
        for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
            found += [(message, b["callback_data"]) for b in row if "callback_data" in b]
    return found
