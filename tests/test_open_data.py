"""The open data catalogue (katalog.jsonld) of the built fixture site: valid
RDF, conforming to the DCAT-AP-SE shapes in schema/, with both languages,
the publisher from mkdocs.yml, and download addresses that all exist."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from .history_site import build
from styrdok.cli import _configured_options

from .site_build import PROJECT

BASE = "http://127.0.0.1:8000/"
SHAPES = PROJECT / "schema" / "dcat-ap-se-shapes.ttl"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("open-data"))


@pytest.fixture(scope="module")
def graph(site: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(site / "katalog.jsonld", format="json-ld")


def test_the_catalogue_conforms_to_the_dcat_ap_se_shapes(graph: rdflib.Graph) -> None:
    conforms, _, report = pyshacl.validate(graph, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    assert conforms, report


def test_the_shapes_catch_a_dataset_without_publisher(graph: rdflib.Graph) -> None:
    broken = rdflib.Graph()
    for triple in graph:
        broken.add(triple)
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    broken.remove((dataset, DCTERMS.publisher, None))
    conforms, _, report = pyshacl.validate(broken, shacl_graph=rdflib.Graph().parse(SHAPES, format="turtle"))
    assert not conforms and "publisher" in report


def test_every_download_address_exists_in_the_built_site(site: Path, graph: rdflib.Graph) -> None:
    addresses = sorted({str(o) for o in graph.objects(None, DCAT.downloadURL)} | {str(o) for o in graph.objects(None, DCAT.accessURL)})
    # library feed and calendar in two languages; the organisation's too; its matrix and the list of
    # every document, each as CSV and JSON
    assert len(addresses) == 2 * 2 + 2 * 2 + 2 + 2
    assert any(a.endswith("/dokument.csv") for a in addresses) and any(a.endswith("/dokument.json") for a in addresses)
    for address in addresses:
        assert address.startswith(BASE)
        assert (site / address.removeprefix(BASE)).is_file(), address


def test_titles_descriptions_and_publisher_in_both_languages(graph: rdflib.Graph) -> None:
    publisher_names = _configured_options(PROJECT / "mkdocs.yml")["publisher"]["name"]  # as `styrdok pages` reads it
    for kind in (DCAT.Catalog, DCAT.Dataset):
        for subject in graph.subjects(RDF.type, kind):
            for prop in (DCTERMS.title, DCTERMS.description):
                assert {o.language for o in graph.objects(subject, prop)} == {"sv", "en"}
            publisher = graph.value(subject, DCTERMS.publisher)
            names = {o.language: str(o) for o in graph.objects(publisher, FOAF.name)}
            assert names == publisher_names
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert str(graph.value(catalogue, DCTERMS.license)) == "http://creativecommons.org/publicdomain/zero/1.0/"
