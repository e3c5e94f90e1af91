"""Write a synthetic but valid styrdok library, laid out like `policy_data/`.

    .venv/bin/python benchmarks/synthetic.py OUT_DIR --documents 1000 [--seed 7]
    .venv/bin/styrdok check --data OUT_DIR

The library is shaped like the real one (see policy_data/): organisations
(municipalities) with their own councils, boards, committees, departments,
networks and roles; documents of every type with a decision, review rules of
every kind, revisions, follow-ups, relations inside and outside the library,
nested sections with Swedish and plain-English text, and responsibility
sections that give duties to actors (some tagged with a topic for the
comparison page).

Its size grows like a real collection: about DOCS_PER_ORGANISATION documents
per organisation, so a region or a national collection of thousands of
documents has hundreds of organisations, and one document page does not grow
with the size of the library. The output is deterministic for a given
`documents` and `seed`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on the platform
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

DOCS_PER_ORGANISATION = 25


class _NoAliases(_Dumper):  # type: ignore[misc, valid-type]
    """Write every value out; editors do not write YAML anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

TYPES = [
    ("program", "Program", "Programme"),
    ("policy", "Policy", "Policy"),
    ("handlingsplan", "Handlingsplan", "Action plan"),
    ("riktlinje", "Riktlinje", "Guideline"),
    ("strategi", "Strategi", "Strategy"),
]
TYPE_DEFINITIONS = {
    "program": ("uttrycker värdegrunder och förhållningssätt för arbetet med utvecklingen av kommunen som ort",
                "states values and ways of working for developing the municipality as a place"),
    "policy": ("uttrycker värdegrunder och förhållningssätt för arbetet i kommunkoncernen",
               "states values and ways of working for the work of the municipal group"),
    "handlingsplan": ("anger strategier och konkreta åtgärder för att nå fastställda mål",
                      "sets out strategies and concrete actions to reach the goals that were set"),
    "riktlinje": ("säkerställer ett riktigt agerande och god kvalitet i handläggning och utförande",
                  "makes sure that cases are handled correctly and work is done with good quality"),
}

# (id part, Swedish, English): what a document is about.
TOPICS = [
    ("internationellt-arbete", "internationellt arbete", "international work"),
    ("klimat", "klimat och energi", "climate and energy"),
    ("digitalisering", "digitalisering", "digital services"),
    ("jamstalldhet", "jämställdhet", "gender equality"),
    ("folkhalsa", "folkhälsa", "public health"),
    ("upphandling", "upphandling", "public procurement"),
    ("informationssakerhet", "informationssäkerhet", "information security"),
    ("kultur", "kultur", "culture"),
    ("naringsliv", "näringslivsutveckling", "business development"),
    ("bostadsforsorjning", "bostadsförsörjning", "housing"),
    ("integration", "integration", "integration"),
    ("barn-och-unga", "barn och unga", "children and young people"),
    ("trygghet", "trygghet och säkerhet", "safety and security"),
    ("hallbarhet", "hållbar utveckling", "sustainable development"),
    ("personal", "personal och arbetsmiljö", "staff and working environment"),
    ("kommunikation", "kommunikation", "communication"),
    ("krisberedskap", "krisberedskap", "emergency preparedness"),
    ("landsbygd", "landsbygdsutveckling", "rural development"),
    ("idrott", "idrott och fritid", "sports and leisure"),
    ("miljo", "miljö", "the environment"),
    ("vatten", "vatten och avlopp", "water and sewage"),
    ("tillganglighet", "tillgänglighet", "accessibility"),
    ("besoksnaring", "besöksnäring", "tourism"),
    ("arkiv", "arkiv och informationshantering", "archives and records"),
    ("mangfald", "mångfald", "diversity"),
    ("vanorter", "vänortsarbete", "twin towns"),
    ("eu-fragor", "EU-frågor", "EU affairs"),
    ("skola", "skolutveckling", "school development"),
    ("aldreomsorg", "äldreomsorg", "care for older people"),
    ("trafik", "trafik och mobilitet", "traffic and transport"),
]

NAME_HEADS = ["Al", "Berg", "Ek", "Lind", "Sjö", "Stor", "Ny", "Öster", "Väster", "Norr", "Söder", "Hög",
              "Lång", "Björk", "Gran", "Ås", "Dal", "Hammar", "Sand", "Mal", "Tall", "Ström", "Kvarn", "Hall"]
NAME_TAILS = ["köping", "sund", "vik", "berg", "by", "hamn", "torp", "dal", "holm", "näs", "fors", "lunda",
              "stad", "ryd", "hult", "bro"]

# Committees and their departments: (id stem, sv, en).
COMMITTEES = [
    ("barn-och-utbildning", "Barn- och utbildningsnämnden", "Children and education committee",
     "Barn- och utbildningsförvaltningen", "Children and education department"),
    ("social", "Socialnämnden", "Social services committee",
     "Socialförvaltningen", "Social services department"),
    ("kultur-och-fritid", "Kultur- och fritidsnämnden", "Culture and leisure committee",
     "Kultur- och fritidsförvaltningen", "Culture and leisure department"),
    ("miljo-och-bygg", "Miljö- och byggnämnden", "Environment and building committee",
     "Miljö- och byggförvaltningen", "Environment and building department"),
    ("teknisk", "Tekniska nämnden", "Technical services committee",
     "Tekniska förvaltningen", "Technical services department"),
    ("vard-och-omsorg", "Vård- och omsorgsnämnden", "Care committee",
     "Vård- och omsorgsförvaltningen", "Care department"),
]

TOPIC_TAGS = ["coordination", "follow_up", "twin_towns", "external_funding"]


def _slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "Å": "a", "Ä": "a", "Ö": "o"})
    out = "".join(ch if ch.isalnum() else "-" for ch in text.lower().translate(table))
    return "-".join(part for part in out.split("-") if part)


def _genitive(name: str) -> str:
    return name if name.endswith("s") else name + "s"


@dataclass
class Org:
    id: str
    place: str
    actors: list[dict[str, Any]] = field(default_factory=list)
    committees: list[tuple[str, ...]] = field(default_factory=list)

    def actor_ids(self, kind: str | None = None) -> list[str]:
        return [a["id"] for a in self.actors if kind is None or a["kind"] == kind]

    def name(self, actor_id: str) -> dict[str, str]:
        return next(a["name"] for a in self.actors if a["id"] == actor_id)


def _organisation_names(count: int) -> list[str]:
    names = list(dict.fromkeys(head + tail for head in NAME_HEADS for tail in NAME_TAILS))
    out: list[str] = []
    seen: set[str] = set()
    for index in range(len(names) * 100):
        base = names[index % len(names)]
        round_ = index // len(names)
        name = base if round_ == 0 else f"{base} {round_ + 1}"  # beyond the list, number them
        if _slug(name) not in seen:
            seen.add(_slug(name))
            out.append(name)
        if len(out) == count:
            break
    return out


def make_organisation(rng: random.Random, place: str) -> Org:
    org = Org(_slug(place), place)
    a = org.actors
    a.append({"id": "kommunfullmaktige", "name": {"sv": "Kommunfullmäktige", "en": "Municipal council"}, "kind": "council"})
    a.append({"id": "kommunstyrelsen", "name": {"sv": "Kommunstyrelsen", "en": "Executive board"}, "kind": "executive_board"})
    if rng.random() < 0.7:
        a.append({"id": "kommunstyrelsens-arbetsutskott",
                  "name": {"sv": "Kommunstyrelsens arbetsutskott", "en": "Working committee of the executive board"},
                  "kind": "working_committee", "part_of": "kommunstyrelsen"})
    a.append({"id": "kommunledningskontoret", "name": {"sv": "Kommunledningskontoret", "en": "Municipal management office"},
              "kind": "office"})
    a.append({"id": "internationell-samordnare", "name": {"sv": "Internationell samordnare", "en": "International coordinator"},
              "kind": "role", "part_of": "kommunledningskontoret",
              "note": {"sv": "Utses av kommundirektören.", "en": "The chief executive appoints this person."}})
    org.committees = rng.sample(COMMITTEES, rng.randint(2, 4))
    for stem, n_sv, n_en, f_sv, f_en in org.committees:
        a.append({"id": _slug(n_sv), "name": {"sv": n_sv, "en": n_en}, "kind": "committee"})
        if rng.random() < 0.6:
            a.append({"id": _slug(f_sv), "name": {"sv": f_sv, "en": f_en}, "kind": "administration"})
    a.append({"id": "namnder-och-forvaltningar", "name": {"sv": "Nämnder och förvaltningar", "en": "Committees and departments"},
              "kind": "group"})
    if rng.random() < 0.5:
        a.append({"id": "natverk-for-internationellt-arbete",
                  "name": {"sv": "Nätverket för internationellt arbete", "en": "Network for international work"},
                  "kind": "network",
                  "note": {"sv": "Varje förvaltning utser en kontaktperson till nätverket.",
                           "en": "Each department names a contact person to the network."}})
    if rng.random() < 0.4:
        a.append({"id": _slug(place) + "-energi-ab", "name": {"sv": f"{place} Energi AB", "en": f"{place} Energy Ltd"},
                  "kind": "company"})
    if rng.random() < 0.3:
        a.append({"id": "vanortsforeningen", "name": {"sv": "Vänortsföreningen", "en": "Twin town association"},
                  "kind": "association"})
    return org


# --- text -----------------------------------------------------------------------

# Sentence pairs; {org} is the municipality, {t} the topic.
SENTENCES = [
    ("{org} ska arbeta aktivt och långsiktigt med {t}.", "{org} will work actively and for the long term on {t}."),
    ("Arbetet med {t} skapar mervärde för invånare, näringsliv och föreningar.",
     "The work on {t} adds value for residents, local firms and associations."),
    ("Alla nämnder och förvaltningar ansvarar för att {t} beaktas i den egna verksamheten.",
     "Every committee and department makes sure that {t} is part of its own work."),
    ("Samverkan med andra kommuner, regionen och staten är en förutsättning för att lyckas.",
     "Working together with other municipalities, the region and the state is needed to succeed."),
    ("Insatserna ska vara kunskapsbaserade och följas upp regelbundet.",
     "The work must be based on knowledge and be followed up regularly."),
    ("Kommunen söker extern finansiering, till exempel från EU:s fonder och program.",
     "The municipality looks for outside funding, for example from the EU's funds and programmes."),
    ("Barns och ungas perspektiv ska särskilt uppmärksammas.",
     "The views of children and young people need special attention."),
    ("Resultaten redovisas i årsredovisningen och i nämndernas verksamhetsberättelser.",
     "The results are reported in the annual report and in the committees' annual reviews."),
    ("Arbetet ska bidra till de globala målen i Agenda 2030.", "The work must help reach the global goals of Agenda 2030."),
    ("Dokumentet gäller för hela kommunkoncernen, inklusive de kommunala bolagen.",
     "This document applies to the whole municipal group, including the municipal companies."),
    ("Invånarna ska få tydlig information och kunna påverka arbetet.",
     "Residents must get clear information and be able to influence the work."),
    ("Resurserna ska användas effektivt och intern konkurrens undvikas.",
     "Resources must be used well and the municipality must not compete with itself."),
]

HEADINGS = [
    ("Inledning", "Introduction"), ("Bakgrund", "Background"), ("Syfte", "Purpose"), ("Mål", "Goals"),
    ("Utgångspunkter", "Starting points"), ("Prioriteringar", "Priorities"), ("Genomförande", "Putting it into practice"),
    ("Uppföljning", "Follow-up"), ("Samverkan", "Cooperation"), ("Finansiering", "Funding"),
    ("Definitioner", "Definitions"), ("Omvärld", "The world around us"), ("Vision", "Vision"),
    ("Kommunikation", "Communication"), ("Kompetens", "Skills"),
]

DUTIES = [
    ("Fastställer {doc} och beslutar om övergripande mål.", "Adopts the {doc} and decides on the main goals.", []),
    ("Samordnar arbetet med {t} inom kommunen.", "Coordinates the work on {t} within the municipality.", ["coordination"]),
    ("Följer upp arbetet årligen och rapporterar till kommunstyrelsen.",
     "Follows up the work every year and reports to the executive board.", ["follow_up"]),
    ("Ansvarar för kontakterna med kommunens vänorter.", "Is in charge of the contacts with the twin towns.", ["twin_towns"]),
    ("Bevakar möjligheter till extern finansiering och stöttar ansökningar.",
     "Watches for outside funding and helps with applications.", ["external_funding"]),
    ("Integrerar {t} i verksamhetsplaner och budget.", "Builds {t} into work plans and budgets.", []),
    ("Informerar internationell samordnare om pågående projekt.",
     "Tells the international coordinator about ongoing projects.", ["coordination"]),
    ("Utser en kontaktperson för {t}.", "Names a contact person for {t}.", []),
    ("Tar fram förslag till handlingsplan och budget.", "Drafts the action plan and the budget.", []),
    ("Utvärderar insatserna och föreslår förbättringar.", "Assesses the work and proposes improvements.", ["follow_up"]),
]

# Qualifiers that make each duty a document's own, as real duties are.
QUALIFIERS = [
    (" i samråd med {actor_sv}", " together with the {actor_en}"),
    (" och redovisar resultatet till {actor_sv} senast i {month_sv}", " and reports the results to the {actor_en} by {month_en}"),
    (" inom ramen för budgeten för {year}", " within the budget for {year}"),
    (" med stöd av {actor_sv}", " with help from the {actor_en}"),
    (" för perioden {year}–{year2}", " for the years {year} to {year2}"),
    (", med särskilt fokus på {t}", ", with a special focus on {t_en}"),
]
MONTHS = [("januari", "January"), ("mars", "March"), ("maj", "May"), ("september", "September"), ("november", "November")]

LABEL = ("{name} ansvar", "Duties of the {name_en}")


class Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def paragraphs(self, org: Org, topic: tuple[str, str, str], count: int) -> dict[str, str]:
        sv, en = [], []
        for _ in range(count):
            picks = self.rng.sample(SENTENCES, self.rng.randint(2, 5))
            sv.append(" ".join(s.format(org=org.place, t=topic[1]) for s, _ in picks))
            en.append(" ".join(e.format(org=org.place, t=topic[2]) for _, e in picks))
        if self.rng.random() < 0.35:
            items = self.rng.sample(SENTENCES, 3)
            sv.append("\n".join("- " + s.format(org=org.place, t=topic[1]).rstrip(".").lower() for s, _ in items))
            en.append("\n".join("- " + e.format(org=org.place, t=topic[2]).rstrip(".").lower() for _, e in items))
        return {"sv": "\n\n".join(sv), "en": "\n\n".join(en)}


# --- documents ------------------------------------------------------------------


@dataclass
class Plan:
    id: str  # org/doc
    org: Org
    type: tuple[str, str, str]
    topic: tuple[str, str, str]
    adopted: dt.date


def _date(rng: random.Random, first: int, last: int) -> dt.date:
    start = dt.date(first, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(last, 12, 31).toordinal()))


def _review_rules(rng: random.Random, plan: Plan, org: Org) -> list[dict[str, Any]]:
    kind_sv = plan.type[1].lower()
    kind_en = plan.type[2].lower()
    responsible = lambda: rng.choice([None, "kommunstyrelsen", "kommunledningskontoret"])  # noqa: E731
    rules = []
    for _ in range(rng.choice([0, 1, 1, 1, 2, 2])):
        kind = rng.choice(["by_year", "every_n_years", "every_n_years", "once_per_term", "yearly", "by_date"])
        duties = rng.choice([["revision"], ["follow_up"], ["follow_up", "revision"]])
        verb_sv = " och ".join({"revision": "revideras", "follow_up": "följas upp"}[d] for d in duties)
        verb_en = " and ".join({"revision": "revised", "follow_up": "followed up"}[d] for d in duties)
        rule: dict[str, Any] = {"kind": kind}
        if kind == "by_year":
            year = plan.adopted.year + rng.randint(2, 5)
            rule["year"] = year
            words = (f"{plan.type[1]} ska {verb_sv} senast {year}.", f"The {kind_en} must be {verb_en} by {year}.")
        elif kind == "by_date":
            date = plan.adopted + dt.timedelta(days=rng.randint(400, 2000))
            rule["date"] = date
            words = (f"{plan.type[1]} ska {verb_sv} senast {date.isoformat()}.",
                     f"The {kind_en} must be {verb_en} by {date.isoformat()}.")
        elif kind == "every_n_years":
            years = rng.choice([2, 3, 4, 4])
            rule["years"] = years
            rule["counted_from"] = rng.choice(["adoption", "last_revision"])
            words = (f"{plan.type[1]} ska {verb_sv} vart {years}:e år.", f"The {kind_en} must be {verb_en} every {years} years.")
        elif kind == "once_per_term":
            words = (f"{plan.type[1]} ska {verb_sv} en gång per mandatperiod.",
                     f"The {kind_en} must be {verb_en} once in each term of office.")
        else:
            duties = ["follow_up"]
            words = (f"Arbetet enligt {kind_sv} ska följas upp årligen.", f"The work under the {kind_en} is followed up every year.")
        rule["duties"] = duties
        rule["responsible"] = responsible()
        rule["as_written"] = {"sv": words[0], "en": words[1]}
        rules.append(rule)
    return rules


def _decision(rng: random.Random, org: Org, date: dt.date, body: str) -> dict[str, Any]:
    name = org.name(body)
    return {
        "body": body,
        "date": date,
        "paragraph": str(rng.randint(1, 250)) if rng.random() < 0.7 else None,
        "diary_number": f"KS-{date.year}/{rng.randint(1, 1500):05d}" if rng.random() < 0.6 else None,
        "as_written": {"sv": f"Antagen av {name['sv'].lower()} den {date.isoformat()}.",
                       "en": f"Adopted by the {name['en'].lower()} on {date.isoformat()}."},
    }


def _responsibilities(rng: random.Random, plan: Plan, org: Org) -> list[dict[str, Any]]:
    candidates = [a for a in org.actors if a["kind"] not in ("association",)]
    chosen = rng.sample(candidates, min(len(candidates), rng.randint(3, 5)))
    out = []
    for actor in chosen:
        duties = []
        for sv, en, about in rng.sample(DUTIES, rng.randint(1, 4)):
            duty: dict[str, Any] = {}
            if about and rng.random() < 0.6:
                duty["about"] = list(about)
            sv = sv.format(doc=plan.type[1].lower(), t=plan.topic[1])
            en = en.format(doc=plan.type[2].lower(), t=plan.topic[2])
            if rng.random() < 0.8:
                other = rng.choice(candidates)["name"]
                month = rng.choice(MONTHS)
                year = plan.adopted.year + rng.randint(0, 3)
                q_sv, q_en = rng.choice(QUALIFIERS)
                fill = {"actor_sv": other["sv"].lower(), "actor_en": other["en"].lower(), "month_sv": month[0],
                        "month_en": month[1], "year": year, "year2": year + rng.randint(1, 4), "t": plan.topic[1],
                        "t_en": plan.topic[2]}
                sv = sv.rstrip(".") + q_sv.format(**fill) + "."
                en = en.rstrip(".") + q_en.format(**fill) + "."
            duty["sv"], duty["en"] = sv, en
            duties.append(duty)
        name = actor["name"]
        out.append({"actor": actor["id"],
                    "label": {"sv": LABEL[0].format(name=_genitive(name["sv"])),
                              "en": LABEL[1].format(name_en=name["en"].lower())},
                    "duties": duties})
    return out


def make_document(rng: random.Random, plan: Plan, siblings: list[Plan], writer: Writer) -> dict[str, Any]:
    org, (type_id, type_sv, type_en), topic = plan.org, plan.type, plan.topic
    translated = rng.random() < 0.9
    versions: dict[str, Any] = {"sv": {"kind": "original"}}
    if translated:
        versions["en"] = {"kind": "plain_translation", "translated_from": "sv"}
    owner = rng.choice([None, "kommunstyrelsen", "kommunledningskontoret", org.actor_ids("committee")[0]])
    revisions, follow_ups = [], []
    last = plan.adopted
    for _ in range(rng.choice([0, 0, 1, 2])):
        last = last + dt.timedelta(days=rng.randint(200, 900))
        if last.year > 2026:
            break
        revisions.append({"kind": "revised", **_decision(rng, org, last, "kommunstyrelsen"),
                          "version": f"{len(revisions) + 2}.0",
                          "note": {"sv": "Uppdaterad efter uppföljning.", "en": "Updated after a follow-up."}})
    for _ in range(rng.choice([0, 0, 1])):
        day = plan.adopted + dt.timedelta(days=rng.randint(300, 1500))
        if day.year <= 2026:
            follow_ups.append({"date": day, "body": "kommunstyrelsen",
                               "note": {"sv": "Uppföljning redovisad i årsredovisningen.",
                                        "en": "Follow-up reported in the annual report."}})
    relations: list[dict[str, Any]] = []
    others = [p for p in siblings if p.id != plan.id]
    for other in rng.sample(others, min(len(others), rng.randint(0, 2))):
        relations.append({"kind": rng.choice(["implements", "complemented_by", "refers_to"]), "document": other.id})
    for _ in range(rng.randint(1, 3)):
        year = rng.randint(1998, plan.adopted.year)
        relations.append({"kind": rng.choice(["replaces", "refers_to"]),
                          "title": {"sv": f"{type_sv} för {topic[1]} ({year})", "en": f"{type_en} for {topic[2]} ({year})"}})
    validity_kind = rng.choice(["until_further_notice", "until_further_notice", "unknown", "until_date"])
    validity: dict[str, Any] = {"kind": validity_kind}
    if validity_kind == "until_date":
        validity["until"] = plan.adopted + dt.timedelta(days=rng.randint(1000, 3000))
        validity["as_written"] = {"sv": f"Gäller till och med {validity['until'].isoformat()}.",
                                  "en": f"Valid until {validity['until'].isoformat()}."}

    def text(value: dict[str, str]) -> dict[str, str]:
        return value if translated else {"sv": value["sv"]}

    sections = []
    heading_pool = rng.sample(HEADINGS, rng.randint(5, 9))
    for index, (h_sv, h_en) in enumerate(heading_pool):
        section: dict[str, Any] = {"id": _slug(h_sv), "heading": text({"sv": h_sv, "en": h_en}),
                                   "body": text(writer.paragraphs(org, topic, rng.randint(1, 3)))}
        if index == 1 and rng.random() < 0.5:
            section["sections"] = [
                {"id": f"{_slug(h_sv)}-{n}", "heading": text({"sv": f"{h_sv} del {n}", "en": f"{h_en} part {n}"}),
                 "body": text(writer.paragraphs(org, topic, 1))}
                for n in (1, 2)
            ]
        sections.append(section)
    for n in range(rng.choice([1, 1, 2])):
        sections.append({
            "id": "ansvar-och-roller" if n == 0 else "ansvar-for-uppfoljning",
            "heading": text({"sv": "Ansvar och roller", "en": "Who is responsible"} if n == 0
                            else {"sv": "Ansvar för uppföljning", "en": "Who follows up"}),
            "responsibilities": [
                {**r, "label": text(r["label"]), "duties": [{**{k: v for k, v in d.items() if k == "about"}, **text(d)}
                                                            for d in r["duties"]]}
                for r in _responsibilities(rng, plan, org)
            ],
        })
    title = {"sv": f"{type_sv} för {topic[1]}", "en": f"{type_en} for {topic[2]}"}
    doc: dict[str, Any] = {
        "organisation": org.id,
        "types": [type_id],
        "title": text(title),
        "description": text({"sv": f"{org.place}s {type_sv.lower()} för {topic[1]}.",
                             "en": f"The {type_en.lower()} of {org.place} for {topic[2]}."}) if rng.random() < 0.4 else None,
        "source_file": f"{rng.getrandbits(48):012x}.txt",
        "original": {"url": None, "retrieved": None},
        "versions": versions,
        "status": "in_force",
        "owner": owner,
        "responsible_officer": rng.choice([None, None, "internationell-samordnare"]),
        "decisions": [{"kind": "adopted", **_decision(
            rng, org, plan.adopted, rng.choice(["kommunfullmaktige", "kommunfullmaktige", "kommunstyrelsen"]))}, *revisions],
        "scope": None,
        "published": plan.adopted + dt.timedelta(days=rng.randint(5, 60)) if rng.random() < 0.5 else None,
        "version": f"{len(revisions) + 1}.0" if rng.random() < 0.5 else None,
        "validity": validity,
        "review": _review_rules(rng, plan, org),
        "follow_ups": follow_ups,
        "relations": relations,
        "sections": sections,
    }
    if rng.random() < 0.15:
        doc["contact"] = "internationell-samordnare"
    if translated:
        fingerprint = _fingerprint(doc)
        if fingerprint is not None:
            # Most translations match their original; one in ten was made from an older text.
            versions["en"]["translates"] = fingerprint if rng.random() < 0.9 else f"{rng.getrandbits(64):016x}"
    return doc


def _fingerprint(doc: dict[str, Any]) -> str | None:
    """The original text's fingerprint, as `styrdok translated` records it (if
    this version of styrdok tracks translations)."""
    try:
        from styrdok.data.model import original_fingerprint
        from styrdok.data.model import Document, LanguageVersion
    except ImportError:
        return None
    if "translates" not in LanguageVersion.model_fields:
        return None
    return original_fingerprint(Document.model_validate(doc))


def _plans(rng: random.Random, orgs: list[Org], documents: int) -> list[Plan]:
    plans: list[Plan] = []
    for index in range(documents):
        org = orgs[index % len(orgs)]
        taken = {p.id for p in plans if p.org is org}
        for attempt in range(1000):
            doc_type, topic = rng.choice(TYPES), rng.choice(TOPICS)
            suffix = "" if attempt < 50 else f"-{attempt}"
            doc_id = f"{org.id}/{doc_type[0]}-{topic[0]}{suffix}"
            if doc_id not in taken:
                break
        plans.append(Plan(doc_id, org, doc_type, topic, _date(rng, 2008, 2025)))
    return plans


def generate(out: Path, documents: int, seed: int = 7, organisations: int | None = None) -> dict[str, int]:
    """Write the library into `out` (replacing it); return counts."""
    rng = random.Random(seed)
    org_count = organisations or max(2, math.ceil(documents / DOCS_PER_ORGANISATION))
    if out.exists():
        shutil.rmtree(out)
    (out / "organisations").mkdir(parents=True)
    orgs = [make_organisation(rng, place) for place in _organisation_names(org_count)]
    plans = _plans(rng, orgs, documents)
    by_org: dict[str, list[Plan]] = {}
    for plan in plans:
        by_org.setdefault(plan.org.id, []).append(plan)

    def dump(path: Path, data: Any) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")

    for org in orgs:
        dump(out / "organisations" / f"{org.id}.yaml",
             {"id": org.id, "name": {"sv": f"{org.place} kommun", "en": f"{org.place} Municipality"},
              "website": f"https://www.{org.id}.se/", "actors": org.actors})
    writer = Writer(rng)
    actors = sum(len(o.actors) for o in orgs)
    for plan in plans:
        dump(out / "documents" / f"{plan.id}.yaml", make_document(rng, plan, by_org[plan.org.id], writer))
    first = by_org[orgs[0].id]
    types = []
    for type_id, sv, en in TYPES:
        source = next((p for p in first if p.type[0] == type_id), None)
        definitions = []
        if source and type_id in TYPE_DEFINITIONS:
            d_sv, d_en = TYPE_DEFINITIONS[type_id]
            definitions.append({"organisation": orgs[0].id, "source": source.id, "text": {"sv": d_sv, "en": d_en}})
        types.append({"id": type_id, "name": {"sv": sv, "en": en}, "definitions": definitions})
    dump(out / "document_types.yaml", {"types": types})
    return {"documents": documents, "organisations": len(orgs), "actors": actors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (laid out like policy_data/; replaced if it exists)")
    parser.add_argument("--documents", "-n", type=int, default=100)
    parser.add_argument("--organisations", type=int, default=None,
                        help=f"default: one per {DOCS_PER_ORGANISATION} documents")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    counts = generate(args.out, args.documents, args.seed, args.organisations)
    print(f"wrote {counts['documents']} documents, {counts['organisations']} organisations, "
          f"{counts['actors']} actors to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
