"""Every face of a listed paper, read back as its readers read it: shared by the one-record tests."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

from bs4 import BeautifulSoup

from sphinx_cv.core.doi import doi_url


def natural(inverted: str) -> str:
    """ "von Last, Jr., First" (Highwire, RIS) as "First von Last, Jr." (the list, JSON-LD, COinS)."""
    parts = [p.strip() for p in inverted.split(", ")]
    if len(parts) == 3:
        return f"{parts[2]} {parts[0]}, {parts[1]}"
    return f"{parts[1]} {parts[0]}" if len(parts) == 2 else parts[0]


def csl_name(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    text = " ".join(p for p in (name.get("given"), name.get("non-dropping-particle"), name["family"]) if p)
    return f"{text}, {name['suffix']}" if name.get("suffix") else text


def _ris(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.split("\r\n"):
        if line[:2].strip() and line[2:6] == "  - ":
            found.setdefault(line[:2], []).append(line[6:])
    return found


def _kev(span) -> list[tuple[str, str]]:
    return [
        (key, unquote(value.replace("+", " ")))
        for key, _, value in (part.partition("=") for part in span["title"].split("&"))
    ]


def _tex_text(tex: str) -> str:
    """The LaTeX output read as text: Sphinx's escapes undone, commands and groups dropped."""
    tex = tex.replace("{[}", "[").replace("{]}", "]")
    for command, plain in (
        ("sphinxhyphen", "-"),
        ("textasciitilde", "~"),
        ("textbackslash", "\\"),
        ("textasciicircum", "^"),
        ("textendash", "\u2013"),
        ("textemdash", "\u2014"),
    ):
        tex = tex.replace(f"\\{command}{{}}", plain)
    escaped = "&%$#_{}"
    tex = re.sub(r"\\([&%$#_{}])", lambda m: chr(0xE000 + escaped.index(m[1])), tex)
    tex = re.sub(r"\\[A-Za-z@]+\*?", " ", tex).replace("{", "").replace("}", "")
    tex = re.sub("[\ue000-\ue006]", lambda m: escaped[ord(m[0]) - 0xE000], tex)
    return " ".join(tex.split())


def read_faces(html: Path, text: str, tex: str, base: str, page: str = "index") -> dict:
    """Every face of every entry listed on ``page``, by citation key, as their readers read them."""
    tex = _tex_text(tex)
    listing = BeautifulSoup((html / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    graph = [
        item
        for script in listing.find_all("script", type="application/ld+json")
        for item in json.loads(script.string).get("@graph", [])
    ]
    found = {}
    for index, li in enumerate(listing.select("li.cv-pub")):
        key = li["id"]
        title_node = li.select_one(".cv-pub-title")
        for badge in title_node.select(".cv-pub-abbr"):
            badge.extract()
        authors_node = li.select_one(".cv-pub-authors")
        for mark in authors_node.select("sup") if authors_node else []:
            mark.extract()
        page_href = li.select_one(".cv-pub-title a")["href"]
        page_path = html / page_href
        page = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
        stem = page_path.with_suffix("")
        tags = [
            (m["name"], m["content"])
            for m in page.head.find_all("meta")
            if m.get("name", "")[:9] == "citation_"
        ]
        page_ld = next(
            json.loads(s.string)
            for s in page.find_all("script", type="application/ld+json")
            if json.loads(s.string).get("@type") in ("ScholarlyArticle", "Thesis")
        )
        links = {a.get_text(): a["href"] for a in li.select(".cv-pub-links a")}
        page_links = {a.get_text(): a["href"] for a in page.select('[role="main"] .cv-pub-links a')}
        found[key] = {
            "li": li,
            "list_title": title_node.get_text().strip(),
            "list_authors": authors_node.get_text() if authors_node else "",
            "page_title": page.select_one('[role="main"] h1').get_text().rstrip("¶"),
            "tags": tags,
            "page_ld": page_ld,
            "coins": _kev(li.select_one("span.Z3988")),
            "ris": _ris(stem.with_suffix(".ris").read_bytes().decode("utf-8")),
            "csl": json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))[0],
            "list_pdf": urljoin(base, links["PDF"]) if "PDF" in links else "",
            "page_pdf": urljoin(base + page_href, page_links["PDF"]) if "PDF" in page_links else "",
            "list_doi": links.get("DOI", ""),
            "bib": stem.with_suffix(".bib"),
        }
        found[key]["list_ld"] = graph[index]  # the list's JSON-LD is in the list's order
    return {"entries": found, "text": " ".join(text.split()), "tex": tex, "html": html}


def assert_titles_agree(faces: dict) -> None:
    for key, face in faces["entries"].items():
        tags = dict(face["tags"])
        title = face["list_title"]
        if "citation_title" not in tags:  # no title in the .bib: the list shows the key, no face claims one
            assert title == key and "title" not in face["csl"], key
            continue
        assert title == face["page_title"] == tags["citation_title"] == face["page_ld"]["name"], key
        # CSL-JSON marks what the .bib's braces protect from a style's re-casing, around the same text
        csl_title = re.sub(r'<span class="nocase">(.*?)</span>', r"\1", face["csl"]["title"])
        assert title == face["ris"]["TI"][0] == csl_title, key
        assert title in dict(face["coins"]).get("rft.atitle", "") + dict(face["coins"]).get(
            "rft.title", dict(face["coins"]).get("rft.btitle", "")
        ), key
        assert face["list_ld"] is not None and face["list_ld"]["name"] == title, key
        assert " ".join(title.split()) in faces["text"], key
        assert " ".join(title.split()) in faces["tex"], key


def assert_authors_agree_without_marks_or_others(faces: dict) -> None:
    for key, face in faces["entries"].items():
        names = [a["name"] for a in face["page_ld"]["author"]]
        assert [natural(v) for n, v in face["tags"] if n == "citation_author"] == names, key
        assert [natural(v) for v in face["ris"].get("AU", [])] == names, key
        assert [v for n, v in face["coins"] if n == "rft.au"] == names, key
        assert [csl_name(n) for n in face["csl"].get("author", [])] == names, key
        assert [a["name"] for a in face["list_ld"]["author"]] == names, key
        shown = face["list_authors"].removesuffix(" et al.")
        assert shown == ", ".join(names), key
        for name in names:
            assert not re.search(r"[*†‡§¶‖$^\\]", name), (key, name)
            assert name.lower() != "others", key
            assert name in faces["text"], (key, name)
            assert name in faces["tex"], (key, name)


def assert_dates_dois_and_pdfs_agree(faces: dict) -> None:
    for key, face in faces["entries"].items():
        tags = dict(face["tags"])
        year = tags.get("citation_publication_date", "")[:4]
        assert face["page_ld"].get("datePublished", "")[:4] == year, key
        assert face["ris"].get("PY", [""])[0] == year, key
        assert dict(face["coins"]).get("rft.date", "")[:4] == year, key
        issued = face["csl"].get("issued", {}).get("date-parts", [[""]])[0]
        assert str(issued[0]) == year, key
        if face["page_ld"].get("datePublished", "")[5:7]:  # a month: RIS and CSL-JSON have the same
            month = int(face["page_ld"]["datePublished"][5:7])
            assert issued[1] == month and int(face["ris"]["DA"][0].split("/")[1]) == month, key
        doi = tags.get("citation_doi", "")
        assert face["ris"].get("DO", [""])[0] == doi == face["csl"].get("DOI", ""), key
        assert (f"doi:{doi}" in face["page_ld"].get("identifier", [])) == bool(doi), key
        assert (("rft_id", f"info:doi/{doi}") in face["coins"]) == bool(doi), key
        assert face["list_doi"] == (doi_url(doi) if doi else ""), key
        assert (doi_url(doi) in face["page_ld"].get("sameAs", [])) == bool(doi), key
        # the PDF: the same file from the list, from the paper's page, and for Google Scholar
        assert face["list_pdf"] == face["page_pdf"], key
        if "citation_pdf_url" in tags:
            assert tags["citation_pdf_url"] == face["list_pdf"], key
