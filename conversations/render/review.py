"""The whole dossier as chat messages (/recap): HTML sections, split between messages at their borders."""

from __future__ import annotations

from conversations.render.html import e
from conversations.render.report import DossierReport


def review_text(report: DossierReport) -> str:
    """The report as HTML sections separated by blank lines (where long reviews are split)."""
    labels = report.labels
    sections = [
        f"📄 <b>{e(labels['title'])} — {e(report.coop_name)}</b>\n"
        f"{e(labels['cycle'])} {report.cycle} · {e(report.status)}"
    ]
    for axis in report.axes:
        sections.append(
            f"<b>{e(labels['axis'])} {axis.code} — {e(axis.title)}</b> ({axis.chosen}/{axis.available})"
        )
        for engagement in axis.engagements:
            lines = [
                f"<b>{engagement.code}. {e(engagement.title)}</b>{'*' if engagement.provisional else ''}"
            ]
            for indicator in engagement.indicators:
                lines.append(f"📈 <b>{e(indicator.title)}</b>")
                lines.append(f"   {e(labels['rationale'])} : {e(indicator.rationale)}")
                lines.append(
                    f"   {e(indicator.current)} → {e(indicator.target)} · {e(labels['target_date'])} : {e(indicator.target_date)}"
                )
                for action in indicator.actions:
                    lines.append(f"   • {e(action.description)} — {e(action.owner)} — {e(action.due)}")
                if not indicator.actions:
                    lines.append(f"   ⚠️ {e(labels['no_action'])}")
            if not engagement.indicators:
                lines.append(f"⚠️ {e(labels['no_indicator'])}")
            sections.append("\n".join(lines))
    involvement = [f"👥 <b>{e(labels['involvement'])}</b>"]
    involvement += [f"<b>{e(question)}</b>\n{e(answer)}" for question, answer in report.involvement]
    sections.append("\n".join(involvement))
    documents = [f"📎 <b>{e(labels['documents'])}</b>"]
    documents += [
        f"• {e(a.kind)} : « {e(a.label)} » ({e(a.file_name)}, {e(a.size)})" for a in report.attachments
    ]
    if not report.attachments:
        documents.append(e(labels["no_documents"]))
    sections.append("\n".join(documents))
    if report.gaps:
        sections.append(
            f"⚠️ <b>{e(labels['missing'])}</b>\n" + "\n".join(f"• {e(gap)}" for gap in report.gaps)
        )
    else:
        sections.append("✅ " + e(labels["complete"]))
    return "\n\n".join(sections)
