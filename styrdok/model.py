"""The data model: organisations with their actors, document types, documents.

Every field that a source may not give is required but nullable: the editor
writes `null` to say "the source does not say", so a missing fact is a
decision on record, never a silent default and never a guess.

References between files (actors, document types, documents) are plain ids
here; `library.py` resolves and checks them once everything is loaded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from . import characters

LANGUAGES = ("sv", "en")
Language = Literal["sv", "en"]

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="Lower-case letters a–z, digits and hyphens, e.g. `kommunstyrelsen`."),
]
DocumentId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$"),
    Field(description="`organisation/document`, e.g. `vasteras/policy-internationellt-arbete`."),
]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Strict(BaseModel):
    """Base: unknown keys are errors, so a typo never disappears silently;
    and every string of every field, in every model, holds only characters
    that every output can carry and that show as what they are
    (`characters`). A string field is one line unless its model lists it in
    `multiline`, so a new field is covered, and one line, by default."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)
    multiline: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _publishable(self) -> "Strict":
        # One pass per model (a validator per field costs a Python call per
        # field); a nested ValidationError keeps each problem's own location.
        errors = [
            InitErrorDetails(type=PydanticCustomError("characters", "{problem}", {"problem": problem}),
                             loc=loc, input=text)
            for name, value in self.__dict__.items() if not isinstance(value, BaseModel)
            for loc, text, problem in _unpublishable(value, (name,), name in self.multiline)
        ]
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self


def _unpublishable(value: Any, loc: tuple[str | int, ...],
                   multiline: bool) -> list[tuple[tuple[str | int, ...], str, str]]:
    """(location, text, problem) of the strings directly in a field's value
    (lists and mappings included) that cannot be published; nested models
    check their own."""
    if isinstance(value, str):
        problem = characters.problem(value, multiline)
        return [(loc, value, problem)] if problem else []
    found = []
    if isinstance(value, (list, tuple)) and value and not isinstance(value[0], BaseModel):
        for index, item in enumerate(value):
            found += _unpublishable(item, loc + (index,), multiline)
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _unpublishable(key, loc + (str(key),), False)
            if not isinstance(item, BaseModel):
                found += _unpublishable(item, loc + (str(key),), multiline)
    return found


class Text(Strict):
    """A text in Swedish and/or English. Markdown is allowed: emphasis, lists,
    links to http(s). Raw HTML is shown as text, never interpreted."""

    multiline: ClassVar[frozenset[str]] = frozenset(LANGUAGES)
    sv: NonEmpty | None = Field(None, description="Swedish text.")
    en: NonEmpty | None = Field(None, description="English text.")

    @model_validator(mode="after")
    def _one_language(self) -> "Text":
        if self.sv is None and self.en is None:
            raise ValueError("give the text in at least one language (sv or en)")
        return self

    def get(self, language: str) -> str | None:
        return getattr(self, language)

    def prefer(self, language: str) -> str:
        """The text in `language`, else in the other language (feeds have no
        markup to say so; pages use PageContext.pick, which marks it)."""
        return self.get(language) or self.sv or self.en or ""


class Line(Text):
    """A one-line text: a title, heading or label. It becomes a page's
    `<title>`, a heading, a table header or a feed entry's title, where a
    line break would start a new element."""

    multiline: ClassVar[frozenset[str]] = frozenset()
    sv: NonEmpty | None = Field(None, description="Swedish text, on one line.")
    en: NonEmpty | None = Field(None, description="English text, on one line.")


class BothLanguages(Line):
    """A name that every page shows, so it needs both languages."""

    sv: NonEmpty = Field(description="Swedish name, on one line.")
    en: NonEmpty = Field(description="English name in plain words, on one line.")


# --- organisations and actors -------------------------------------------------

ActorKind = Literal[
    "council",  # kommunfullmäktige
    "executive_board",  # kommunstyrelse
    "working_committee",  # kommunstyrelsens arbetsutskott
    "committee",  # nämnd
    "administration",  # förvaltning
    "office",  # kontor, e.g. stadsledningskontoret
    "unit",  # a part of an office or administration
    "company",  # kommunalt bolag
    "association",  # förening
    "group",  # a collective named together, e.g. "nämnder och förvaltningar"
    "network",  # nätverk, referensgrupp
    "role",  # a person's role, e.g. internationell samordnare
]


class Actor(Strict):
    id: Id = Field(description="Used in documents to name this actor, e.g. `kommunstyrelsen`.")
    name: BothLanguages = Field(description="The organisation's own name (sv) and a plain English name (en).")
    kind: ActorKind = Field(description="What sort of body or role this is.")
    part_of: Id | None = Field(
        None, description="Id of the body this actor belongs to, e.g. the board of a working committee."
    )
    note: Text | None = Field(None, description="What the actor is, in a sentence, if the name does not say.")


class Organisation(Strict):
    id: Id = Field(description="Must match the file name; used in URLs, e.g. `vasteras`.")
    name: BothLanguages
    website: Annotated[str, StringConstraints(pattern=r"^https?://")] | None = Field(None, description="http(s) address.")
    actors: list[Actor] = Field(description="Councils, boards, offices, roles: the organisation's own names.")


# --- document types -----------------------------------------------------------


class TypeDefinition(Strict):
    organisation: Id
    source: DocumentId = Field(description="The document that gives this definition.")
    text: Text


class DocumentType(Strict):
    id: Id
    name: BothLanguages
    definitions: list[TypeDefinition] = Field(
        default_factory=list, description="How each organisation's own documents define the type."
    )


class DocumentTypes(Strict):
    types: list[DocumentType]


# --- documents ----------------------------------------------------------------

VersionKind = Literal["original", "official_translation", "plain_translation"]


class LanguageVersion(Strict):
    kind: VersionKind = Field(
        description="original: the text as adopted; official_translation: the organisation's own "
        "translation; plain_translation: written for this library, unofficial."
    )
    translated_from: Language | None = Field(None, description="For translations: the language translated from.")
    translates: str | None = Field(
        None,
        description="Fingerprint of the original text this translation was made from (set by "
        "`styrdok translated`). When the original changes, the translation is flagged as stale.",
    )


class Decision(Strict):
    """A decision: who took it, when, under which § and diary number."""

    body: Id | None = Field(description="Actor id of the deciding body, or null if the source does not say.")
    date: dt.date | None = Field(description="YYYY-MM-DD, or null if the source does not say.")
    paragraph: str | None = Field(description="The § number in the minutes, e.g. `61`, or null.")
    diary_number: str | None = Field(description="Diarienummer, e.g. `KS-2014/00860`, or null.")
    as_written: Text | None = Field(None, description="The decision as the source words it.")


class Revision(Strict):
    """A later decision that revised the document; it moves review dates forward."""

    decision: Decision
    version: str | None = None
    note: Text = Field(description="What changed, in a sentence.")


class FollowUp(Strict):
    """A recorded follow-up (uppföljning); it moves follow-up dates forward."""

    date: dt.date
    body: Id | None = None
    note: Text


Duty = Literal["revision", "follow_up"]


class _Rule(Strict):
    duties: list[Duty] = Field(min_length=1, description="revision (revidering), follow_up (uppföljning), or both.")
    responsible: Id | None = Field(None, description="Actor id who must do it, if the source says.")
    as_written: Text = Field(description="The rule in the source's own words.")


class ByYear(_Rule):
    kind: Literal["by_year"]
    year: int = Field(ge=1900, le=2200, description="Due by the end of this year.")


class ByDate(_Rule):
    kind: Literal["by_date"]
    date: dt.date


class EveryNYears(_Rule):
    kind: Literal["every_n_years"]
    years: int = Field(ge=1, le=50)
    counted_from: Literal["adoption", "last_revision"] = "last_revision"


class OncePerTerm(_Rule):
    kind: Literal["once_per_term"]


class Yearly(_Rule):
    kind: Literal["yearly"]


ReviewRule = Annotated[
    Union[ByYear, ByDate, EveryNYears, OncePerTerm, Yearly], Field(discriminator="kind")
]


class Validity(Strict):
    kind: Literal["until_further_notice", "until_date", "unknown"]
    until: dt.date | None = None
    as_written: Text | None = None

    @model_validator(mode="after")
    def _until_matches_kind(self) -> "Validity":
        if self.kind == "until_date" and self.until is None:
            raise ValueError("kind until_date needs `until: YYYY-MM-DD`")
        if self.kind != "until_date" and self.until is not None:
            raise ValueError("`until` is only for kind until_date")
        return self


RelationKind = Literal["replaces", "implements", "complemented_by", "refers_to"]


class Relation(Strict):
    kind: RelationKind
    document: DocumentId | None = Field(None, description="A document in this library.")
    title: Line | None = Field(None, description="The title of a document that is not in this library.")
    note: Text | None = None

    @model_validator(mode="after")
    def _one_target(self) -> "Relation":
        if (self.document is None) == (self.title is None):
            raise ValueError("give either `document` (in this library) or `title` (outside it), not both")
        return self


DutyTopic = Literal["coordination", "follow_up", "twin_towns", "external_funding"]


class Duty(Text):
    """One duty, as worded in the source (sv) and in plain English (en)."""

    about: list[DutyTopic] = Field(
        default_factory=list,
        description="What the duty is about, for the comparison across organisations: coordination "
        "(day-to-day coordination), follow_up, twin_towns (vänorter), external_funding (EU and other funds).",
    )


class Responsibility(Strict):
    actor: Id
    label: Line | None = Field(None, description="The heading the source gives, e.g. `Kommunfullmäktiges ansvar`.")
    duties: list[Duty] = Field(min_length=1)


class Section(Strict):
    id: Id = Field(description="The section's anchor in the page URL; unique in the document.")
    heading: Line
    body: Text | None = Field(None, description="The section's text (Markdown: paragraphs, lists, emphasis, links).")
    responsibilities: list[Responsibility] = Field(
        default_factory=list, description="Who must do what in this section, actor by actor, in the source's order.")
    duties_in_body: bool = Field(
        False,
        description="true when the duties quote sentences of `body`: the page then shows them only "
        "in the summary of who does what, not twice in the text.",
    )
    sections: list["Section"] = Field(default_factory=list)


DocumentStatus = Literal["in_force", "replaced", "repealed", "draft"]


class Document(Strict):
    organisation: Id = Field(description="Id of the organisation (its file in organisations/); must match the folder.")
    type: Id = Field(description="Id of the document type (document_types.yaml), e.g. `policy`.")
    title: Line = Field(description="The title as the source gives it, and in English.")
    description: Text | None = Field(None, description="A one-sentence summary, if the source gives one.")
    source_file: str | None = Field(description="The source text this encoding was made from.")
    versions: dict[Language, LanguageVersion] = Field(
        min_length=1, description="Each language the texts are given in, and what that version is.")
    status: DocumentStatus = Field(description="in_force, replaced, repealed or draft.")
    replaced_by: DocumentId | None = None
    owner: Id | None = Field(description="Dokumentägare: actor id, or null if the source does not say.")
    responsible_officer: Id | None = Field(description="Dokumentansvarig: actor id, or null.")
    contact: Id | None = Field(None, description="A contact role (never a person's name).")
    adopted: Decision
    published: dt.date | None = Field(description="Date of publication, or null.")
    version: str | None = Field(description="Version as the source gives it, or null.")
    validity: Validity
    review: list[ReviewRule] = Field(description="Review and follow-up rules; [] if the source gives none.")
    revisions: list[Revision] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list, description="What this document says about others.")
    sections: list[Section] = Field(min_length=1, description="The text, section by section, in the source's order.")

    @model_validator(mode="after")
    def _versions_consistent(self) -> "Document":
        originals = [lang for lang, v in self.versions.items() if v.kind == "original"]
        if len(originals) > 1:
            raise ValueError("only one language version can be the original")
        if self.status == "replaced" and self.replaced_by is None:
            raise ValueError("status replaced needs `replaced_by`")
        return self


def texts(value: object, path: tuple[str | int, ...] = (),
          skip: tuple[type, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    """Every (field path, Text) under a model, in field order; does not
    descend into values of the `skip` types (e.g. sections, walked apart)."""
    if isinstance(value, Text):
        yield path, value
    elif skip and isinstance(value, skip):
        return
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), path + (name,), skip)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from texts(item, path + (index,), skip)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, path + (str(key),), skip)


def slug(text: str) -> str:
    """A URL-safe id from a title: used by the scaffolding, never for lookup."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
    text = text.lower().translate(table)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
