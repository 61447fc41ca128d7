"""Whether a message's HTML tags close in the order they opened (Telegram refuses one that does not)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tags(HTMLParser):
    """The tags of a message, checked to close in the order they opened."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.wrong = False

    def handle_starttag(self, tag, attrs) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag) -> None:
        self.wrong = self.wrong or not self.open or self.open.pop() != tag


def balanced(html: str) -> bool:
    """Every tag closed, in order."""
    tags = _Tags()
    tags.feed(html)
    tags.close()
    return not tags.wrong and not tags.open
