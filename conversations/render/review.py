"""The whole dossier as chat messages (/recap): HTML sections, put in messages at their borders."""

from __future__ import annotations

from conversations.render.formatting import colon, quoted
from conversations.render.html import MESSAGE_LIMIT, bold, e, shown_length, split_text
from conversations.render.report import DossierReport
from locales import translator


def review_sections(report: DossierReport, evidence: list[str] | None = None) -> list[str]:
    """The report as HTML sections (where long reviews are split); ``evidence`` (HTML sections, e.g. the
    consultations' results) follows the involvement part."""
    labels = report.labels
    t = translator(report.language)
    said = colon(t)  # « : » in French, ":" in English
    title = f"{labels['title']} — {report.coop_name}"
    sections = [f"📄 {bold(title)}\n{e(labels['cycle'])} {report.cycle} · {e(report.status)}"]
    for axis in report.axes:
        heading = f"{labels['axis']} {axis.code} — {axis.title}"
        sections.append(f"{bold(heading)} ({axis.chosen}/{axis.available})")
        for engagement in axis.engagements:
            lines = [bold(f"{engagement.code}. {engagement.title}") + ("*" if engagement.provisional else "")]
            for indicator in engagement.indicators:
                lines.append("📈 " + bold(indicator.title))
                lines.append(f"   {e(labels['rationale'])}{said} {e(indicator.rationale)}")
                lines.append(
                    f"   {e(indicator.current)} → {e(indicator.target)}"
                    f" · {e(labels['target_date'])}{said} {e(indicator.target_date)}"
                )
                for action in indicator.actions:
                    lines.append(f"   • {e(action.description)} — {e(action.owner)} — {e(action.due)}")
                if not indicator.actions:
                    lines.append(f"   ⚠️ {e(labels['no_action'])}")
            if not engagement.indicators:
                lines.append(f"⚠️ {e(labels['no_indicator'])}")
            sections.append("\n".join(lines))
    involvement = ["👥 " + bold(labels["involvement"])]
    involvement += [f"{bold(question)}\n{e(answer)}" for question, answer in report.involvement]
    sections.append("\n".join(involvement))
    sections += evidence or []
    documents = ["📎 " + bold(labels["documents"])]
    documents += [
        f"• {e(a.kind)}{said} {e(quoted(t.language, a.label))} ({e(a.file_name)}, {e(a.size)})"
        for a in report.attachments
    ]
    if not report.attachments:
        documents.append(e(labels["no_documents"]))
    sections.append("\n".join(documents))
    if report.gaps:
        sections.append(f"⚠️ {bold(labels['missing'])}\n" + "\n".join(f"• {e(gap)}" for gap in report.gaps))
    else:
        sections.append("✅ " + e(labels["complete"]))
    return sections


def in_messages(sections: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """The sections put in as few messages as hold them (as Telegram counts them, once the HTML is
    parsed), each section whole in one where it fits; a longer one (a long answer) is cut as every
    long message is (``split_text``: at a break, its tags closed and opened again), never mid-word."""
    messages: list[str] = []
    for section in sections:
        joined = f"{messages[-1]}\n\n{section}" if messages else section
        if messages and shown_length(joined) <= limit:
            messages[-1] = joined
        elif shown_length(section) <= limit:
            messages.append(section)
        else:
            messages += split_text(section, limit, shown=True)
    return messages
