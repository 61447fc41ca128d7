"""A page of another PDF (the commitment letter) drawn by reportlab itself, as a Form XObject.

pypdf reads the letter; its page's content and the objects its resources reach (fonts, images) are
copied once into reportlab's document, so the dossier is written in one pass: no second parse and
rewrite of the whole document to lay the letter in (that cost a tenth of a dossier's rendering).
"""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFDocument, PDFStream, xObjectName
from reportlab.pdfgen.canvas import Canvas

SKIPPED = {"/Parent"}  # a resource pointing back to its page tree: nothing to draw there


def leaf(value: object) -> bytes:
    """A number, name, string, boolean or null as pypdf writes it (escapes and encodings kept)."""
    buffer = io.BytesIO()
    value.write_to_stream(buffer)
    return buffer.getvalue()


class Copier:
    """Copies pypdf objects into a reportlab document, each indirect object once."""

    def __init__(self, document: PDFDocument, prefix: str) -> None:
        self.document, self.prefix, self.copied = document, prefix, {}

    def copy(self, value: object) -> object:
        """The reportlab object (or raw bytes) writing the same as ``value``."""
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

        if isinstance(value, IndirectObject):
            return self.reference(value)
        if isinstance(value, StreamObject):
            return self.stream(value)
        if isinstance(value, DictionaryObject):
            return PDFDictionary({k[1:]: self.copy(v) for k, v in value.items() if k not in SKIPPED})
        if isinstance(value, ArrayObject):
            return PDFArray([self.copy(item) for item in value])
        return leaf(value)

    def reference(self, value: object) -> object:
        """An indirect object, registered before its parts are copied (so a cycle ends)."""
        from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

        key = (value.idnum, value.generation)
        if key in self.copied:
            return self.copied[key]
        target, name = value.get_object(), f"{self.prefix}.{key[0]}.{key[1]}"
        if not isinstance(target, (StreamObject, DictionaryObject, ArrayObject)):
            self.copied[key] = self.document.Reference(leaf(target), name)
            return self.copied[key]
        # an empty holder first, filled once its parts are copied
        holder = {
            StreamObject: PDFStream(filters=[]),
            DictionaryObject: PDFDictionary(),
            ArrayObject: PDFArray([]),
        }
        made = next(made for kind, made in holder.items() if isinstance(target, kind))
        self.copied[key] = self.document.Reference(made, name)
        copied = self.copy(target)
        made.__dict__.update({k: v for k, v in copied.__dict__.items() if k != "__InternalName__"})
        return self.copied[key]

    def stream(self, value: object) -> PDFStream:
        """A stream with its bytes as they are encoded and its own /Filter (nothing decoded nor redone)."""
        dictionary = {k[1:]: self.copy(v) for k, v in value.items() if k not in SKIPPED | {"/Length"}}
        return PDFStream(PDFDictionary(dictionary), value._data, filters=[])


def embed_page(canvas: Canvas, page: object, name: str) -> None:
    """Register the letter's ``page`` as the form ``name`` of the canvas's document, to draw with doForm."""
    document = canvas._doc
    if document.hasForm(name):
        return
    contents = page.get_contents()
    copier = Copier(document, name)
    form = {
        "Type": b"/XObject",
        "Subtype": b"/Form",
        "BBox": PDFArray([float(v) for v in page.mediabox]),
        "Resources": copier.copy(page["/Resources"]) if "/Resources" in page else PDFDictionary(),
    }
    data = contents.get_data() if contents is not None else b""
    document.Reference(PDFStream(PDFDictionary(form), data, filters=None), xObjectName(name))
