"""Compare organisations: for each kind of role, what each organisation
gives to whom. Built from the metadata (who adopts, who owns, review rules)
and from duties the data tags with a topic (`about:`), of documents in force
only: a proposal or a repealed document gives no one a duty today.

One actor is listed once per document and question: a review rule and a duty
that say the same thing do not make two rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from styrdok.data.library import Library, walk_sections
from styrdok.data.model import Text
from styrdok.data import urls

QUESTIONS: tuple[str, ...] = ("adopts", "owns", "coordination", "follow_up", "twin_towns", "external_funding")


@dataclass
class Answer:
    """What one organisation's documents say about one question."""

    actor: str | None  # None when the fact is a rule, not an actor
    doc_id: str
    section: str | None = None  # anchor of the section that says it
    text: Text | None = None  # the duty or rule as written


@dataclass
class Comparison:
    organisations: list[str]
    answers: dict[tuple[str, str], list[Answer]] = field(default_factory=dict)  # (question, org) → answers

    def get(self, question: str, org: str) -> list[Answer]:
        return self.answers.get((question, org), [])


def compare(library: Library, today: dt.date) -> Comparison:
    result = Comparison(sorted(library.organisations))
    named: set[tuple[str, str, str]] = set()  # (question, document, actor) already answered
    for doc_id, loaded in sorted(library.documents.items()):
        doc, org = loaded.model, loaded.organisation
        if not doc.in_force_on(today):
            continue

        def add(question: str, answer: Answer) -> None:
            if answer.actor is not None:
                if (question, doc_id, answer.actor) in named:
                    return
                named.add((question, doc_id, answer.actor))
            result.answers.setdefault((question, org), []).append(answer)

        for decision in doc.decisions:
            if decision.kind in ("adopted", "confirmed") and decision.body:
                add("adopts", Answer(decision.body, doc_id, urls.DOCUMENT_ANCHORS.facts, decision.as_written))
        if doc.owner:
            add("owns", Answer(doc.owner, doc_id, urls.DOCUMENT_ANCHORS.facts))
        for rule in doc.review:
            add("follow_up", Answer(rule.responsible, doc_id, urls.DOCUMENT_ANCHORS.facts, rule.as_written))
        for section, _ in walk_sections(doc.sections):
            for responsibility in section.responsibilities:
                for duty in responsibility.duties:
                    for topic in duty.about:
                        add(topic, Answer(responsibility.actor, doc_id, section.id, duty))
    return result

