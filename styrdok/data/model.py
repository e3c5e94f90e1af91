"""The data model: organisations with their actors, document types, documents.

Every field that a source may not give is required but nullable: the editor
writes `null` to say "the source does not say", so a missing fact is a
decision on record, never a silent default and never a guess.

References between files (actors, document types, documents) are plain ids
here; `library.py` resolves and checks them once everything is loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, field_validator,
                      model_validator)
from pydantic_core import InitErrorDetails, PydanticCustomError

from styrdok.data import characters
from styrdok.data.problems import quoted

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


def _written_date(value: object) -> object:
    """Only YYYY-MM-DD is a date: pydantic alone would also take a number of
    seconds since 1970 (`1654646400`, quoted or not) or a time of day."""
    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)):
        return value
    raise ValueError(f"{quoted(value)} is not a date written as YYYY-MM-DD, e.g. 2020-01-15")


Date = Annotated[dt.date, BeforeValidator(_written_date)]


def _written_whole(value: object) -> object:
    """A whole number in digits: pydantic alone would also take `4.0`, `1_0`,
    `+4` or true (as 1)."""
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,9}", value):
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"{quoted(value)} is not a whole number written in digits, e.g. 4")


Whole = Annotated[int, BeforeValidator(_written_whole)]


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
    partial: bool = Field(
        False,
        description="true when this version covers only some sections: the sections without text in "
        "this language are shown in the original language, marked as such. The title is always needed.",
    )


DecisionKind = Literal["proposed", "adopted", "confirmed", "revised", "repealed"]


class Decision(Strict):
    """One decision about the document: who took it, when, under which §
    and diary number, and what it did (kind)."""

    kind: DecisionKind = Field(
        description="proposed (a proposal put forward), adopted (antaget), confirmed (fastställt, e.g. by "
        "a company board after the council), revised (reviderat: a new wording of this document), "
        "repealed (upphävt).")
    body: Id | None = Field(
        description="Actor id of the deciding body in the organisation (a company board is an actor of "
        "kind `company`), or null if the source does not say or the body is outside the organisation.")
    outside_body: Line | None = Field(
        None, description="The name of a deciding body outside the organisation, as the source gives it.")
    date: Date | None = Field(description="YYYY-MM-DD, or null if the source does not say.")
    paragraph: str | None = Field(
        description="The § number in the minutes without the sign, e.g. `61` (a leading `§` is removed), or null.")
    diary_number: str | None = Field(description="Diarienummer of the decision, e.g. `KS-2014/00860`, or null.")
    as_written: Text | None = Field(None, description="The decision as the source words it.")
    version: str | None = Field(None, description="For kind revised: the version number the source gives, if any.")
    note: Text | None = Field(None, description="For kind revised: what changed, in a sentence.")

    @field_validator("paragraph", mode="before")
    @classmethod
    def _paragraph_without_sign(cls, value: object) -> object:
        """Editors copy "§ 258" from the minutes; the page adds the sign itself."""
        if isinstance(value, str):
            value = value.strip().lstrip("§").strip()
            if not value:
                raise ValueError("give the § number, e.g. `61`, or null")
            if "§" in value:
                raise ValueError("write the number without `§`, e.g. `61`")
        return value

    @model_validator(mode="after")
    def _one_body(self) -> "Decision":
        if self.body is not None and self.outside_body is not None:
            raise ValueError("give either `body` (an actor id) or `outside_body` (a name), not both")
        return self


class FollowUp(Strict):
    """A recorded follow-up (uppföljning); it moves follow-up dates forward."""

    date: Date
    body: Id | None = None
    note: Text


ReviewDuty = Literal["revision", "follow_up", "report"]


class _Rule(Strict):
    duties: list[ReviewDuty] = Field(
        min_length=1,
        description="What the rule asks for. revision (revidering) and follow_up (uppföljning) are reviews of "
        "the document itself; report is recurring reporting on the work the document governs (e.g. in the "
        "annual report), due every period, which the library does not record.")
    responsible: Id | None = Field(None, description="Actor id who must do it, if the source says.")
    as_written: Text = Field(description="The rule in the source's own words.")


class ByYear(_Rule):
    kind: Literal["by_year"]
    year: Whole = Field(ge=1900, le=2200, description="Due by the end of this year.")


class ByDate(_Rule):
    kind: Literal["by_date"]
    date: Date


class EveryNYears(_Rule):
    kind: Literal["every_n_years"]
    years: Whole = Field(ge=1, le=50)
    counted_from: Literal["adoption", "last_revision"] = "last_revision"


class OncePerTerm(_Rule):
    kind: Literal["once_per_term"]


class Yearly(_Rule):
    kind: Literal["yearly"]


class NoInterval(_Rule):
    """The source says who must follow up or revise, but not when: a duty with no date."""

    kind: Literal["no_interval"]


ReviewRule = Annotated[
    Union[ByYear, ByDate, EveryNYears, OncePerTerm, Yearly, NoInterval], Field(discriminator="kind")
]


class Validity(Strict):
    kind: Literal["until_further_notice", "until_date", "unknown"] = Field(
        description="until_further_notice only when the source says so (e.g. `Giltighet Tillsvidare`); "
        "unknown when it does not say.")
    until: Date | None = None
    as_written: Text | None = None

    @model_validator(mode="after")
    def _until_matches_kind(self) -> "Validity":
        if self.kind == "until_date" and self.until is None:
            raise ValueError("kind until_date needs `until: YYYY-MM-DD`")
        if self.kind != "until_date" and self.until is not None:
            raise ValueError("`until` is only for kind until_date")
        return self


RelationKind = Literal["replaces", "revises", "implements", "complemented_by", "refers_to"]


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


DocumentStatus = Literal["proposal", "in_force", "revised", "replaced", "repealed"]
ShownStatus = Literal["proposal", "in_force", "expired", "revised", "replaced", "repealed"]


class Successor(Strict):
    """What took a document's place: a document in this library or one
    outside it, by title."""

    document: DocumentId | None = Field(None, description="The newer document, if it is in this library.")
    title: Line | None = Field(None, description="Its title, if it is not in this library.")

    @model_validator(mode="after")
    def _one_target(self) -> "Successor":
        if (self.document is None) == (self.title is None):
            raise ValueError("give either `document` (in this library) or `title` (outside it), not both")
        return self


ScopeKind = Literal["organisation", "companies", "actor", "named"]


class ScopePart(Strict):
    kind: ScopeKind = Field(
        description="organisation (the whole organisation), companies (its companies), actor (one of its "
        "actors, given in `actor`), named (a part named in `name`, when it is not an actor).")
    actor: Id | None = Field(None, description="For kind actor: the actor id.")
    name: Line | None = Field(None, description="For kind named: the part as the source names it.")

    @model_validator(mode="after")
    def _fields_match_kind(self) -> "ScopePart":
        if (self.kind == "actor") != (self.actor is not None):
            raise ValueError("`actor` is needed for kind actor, and only for it")
        if (self.kind == "named") != (self.name is not None):
            raise ValueError("`name` is needed for kind named, and only for it")
        return self


class Scope(Strict):
    """What the document applies to, as the source says it."""

    applies_to: list[ScopePart] = Field(min_length=1, description="The parts it applies to.")
    as_written: Text | None = Field(None, description="The sentence of the source that says so.")


IdentifierScheme = Literal["diary_number", "collection", "other"]


class Identifier(Strict):
    scheme: IdentifierScheme = Field(
        description="diary_number (diarienummer), collection (a number in a collection of rules, e.g. "
        "`H 2014 nr 79`), other (then `label` names it).")
    value: NonEmpty = Field(description="The identifier as the source writes it.")
    label: Line | None = Field(None, description="For scheme other: what the identifier is called.")

    @model_validator(mode="after")
    def _label_for_other(self) -> "Identifier":
        if (self.scheme == "other") != (self.label is not None):
            raise ValueError("`label` is needed for scheme other, and only for it")
        return self


class Original(Strict):
    """Where the published original can be read. Every field may be null:
    the page then says the library holds no link, nothing more."""

    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        description="http(s) address of the published original, or null if the library has none.")
    file: Annotated[str, StringConstraints(pattern=r"^originals/[A-Za-z0-9._/-]+$")] | None = Field(
        None, description="A copy kept in the repository, under `originals/`, or null.")
    retrieved: Date | None = Field(description="The date the address or copy was retrieved, or null.")

    @model_validator(mode="after")
    def _retrieved_needs_a_source(self) -> "Original":
        if self.retrieved is not None and self.url is None and self.file is None:
            raise ValueError("`retrieved` needs a `url` or a `file`")
        if self.file is not None and ".." in self.file:
            raise ValueError("`file` must stay inside `originals/`")
        return self


class Document(Strict):
    """One governing document in its current wording.

    Versions of one document: the file holds the current wording, and each
    new wording is a `revised` decision in `decisions`. An earlier wording
    whose text is kept goes in a file of its own with `status: revised` and
    `replaced_by: {document: <current>}`, so a history can show both texts."""

    organisation: Id = Field(description="Id of the organisation (its file in organisations/); must match the folder.")
    types: list[Id] = Field(
        min_length=1,
        description="Ids of the document's types (document_types.yaml), e.g. `[policy]`; a combined "
        "document lists each, e.g. `[policy, riktlinje]`.")
    title: Line = Field(description="The title as the source gives it, and in English.")
    description: Text | None = Field(None, description="A one-sentence summary, if the source gives one.")
    source_file: str | None = Field(
        description="Editor provenance, never shown to readers: the text file this encoding was made from.")
    original: Original = Field(description="Where the published original can be read.")
    versions: dict[Language, LanguageVersion] = Field(
        min_length=1, description="Each language the texts are given in, and what that version is.")
    status: DocumentStatus = Field(
        description="proposal (not adopted), in_force, revised (an earlier wording of a document that "
        "has a newer one), replaced (by another document), repealed (upphävt). Expired is not typed: "
        "it follows from a validity end date that has passed.")
    replaced_by: Successor | None = Field(
        None, description="For status revised or replaced: the newer document, in this library or outside it.")
    owner: Id | None = Field(description="Dokumentägare: actor id, or null if the source does not say.")
    responsible_officer: Id | None = Field(description="Dokumentansvarig: actor id, or null.")
    contact: Id | None = Field(None, description="A contact role (never a person's name).")
    decisions: list[Decision] = Field(
        description="Every decision about the document the source records, oldest first; [] if none.")
    identifiers: list[Identifier] = Field(
        default_factory=list, description="Diary number and other identifiers of the document itself.")
    scope: Scope | None = Field(description="What the document applies to, or null if the source does not say.")
    published: Date | None = Field(description="Date of publication, or null.")
    version: str | None = Field(description="Version as the source gives it, or null.")
    validity: Validity
    review: list[ReviewRule] = Field(description="Review and follow-up rules; [] if the source gives none.")
    follow_ups: list[FollowUp] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list, description="What this document says about others.")
    sections: list[Section] = Field(min_length=1, description="The text, section by section, in the source's order.")

    @model_validator(mode="after")
    def _one_original(self) -> "Document":
        originals = [lang for lang, v in self.versions.items() if v.kind == "original"]
        if len(originals) > 1:
            raise ValueError("only one language version can be the original")
        return self

    def life_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """(field path, message) for each way the status, decisions and types
        contradict each other. The loader reports them at their line."""
        out: list[tuple[tuple[str | int, ...], str]] = []
        for index, type_id in enumerate(self.types):
            if type_id in self.types[:index]:
                out.append((("types", index), f"type {type_id!r} is listed twice"))
        kinds = [d.kind for d in self.decisions]
        status = ("status",)
        if self.status == "proposal":
            if "proposed" not in kinds:
                out.append((status, "status proposal needs a decision of kind proposed (body and date may be null)"))
            for index, kind in enumerate(kinds):
                if kind != "proposed":
                    out.append((("decisions", index, "kind"), f"a proposal has no decision of kind {kind}; "
                                "once it is adopted, set `status: in_force`"))
        if self.status == "repealed" and "repealed" not in kinds:
            out.append((status, "status repealed needs a decision of kind repealed"))
        if self.status != "repealed" and "repealed" in kinds:
            out.append((status, f"status {self.status} contradicts the decision of kind repealed; use status repealed"))
        if self.status in ("revised", "replaced") and self.replaced_by is None:
            out.append((status, f"status {self.status} needs `replaced_by`"))
        if self.status not in ("revised", "replaced") and self.replaced_by is not None:
            out.append((("replaced_by",), "`replaced_by` is only for status revised or replaced"))
        return out

    # --- helpers other modules rely on ------------------------------------------
    @property
    def adoption(self) -> Decision | None:
        """The decision that adopted the document (the first of kind adopted)."""
        return next((d for d in self.decisions if d.kind == "adopted"), None)

    @property
    def adopted_on(self) -> dt.date | None:
        adoption = self.adoption
        return adoption.date if adoption else None

    @property
    def proposal(self) -> Decision | None:
        """The latest decision that proposed the document, for a proposal."""
        return next((d for d in reversed(self.decisions) if d.kind == "proposed"), None)

    @property
    def revision_decisions(self) -> list[Decision]:
        """Recorded decisions of kind revised, oldest first (review rules count from them)."""
        return [d for d in self.decisions if d.kind == "revised"]

    def shown_status(self, day: dt.date) -> ShownStatus:
        """The status on `day`: as typed, except that a document in force whose
        validity end date has passed is expired."""
        if self.status == "in_force" and self.validity.until is not None and self.validity.until < day:
            return "expired"
        return self.status

    def in_force_on(self, day: dt.date) -> bool:
        """Proposals, earlier wordings, replaced, repealed and expired documents are not in force."""
        return self.shown_status(day) == "in_force"


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


def original_fingerprint(doc: Document) -> str | None:
    """A short hash of every text in the original language, in document order:
    a translation records it (`translates`), and a changed original shows it stale."""
    original = next((lang for lang, v in doc.versions.items() if v.kind == "original"), None)
    if original is None:
        return None
    texts: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            if original in value and isinstance(value[original], str):
                texts.append(value[original])
            for key, item in value.items():
                if key not in ("sv", "en"):
                    collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(doc.model_dump(mode="json", exclude={"versions"}))
    return hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:16]
