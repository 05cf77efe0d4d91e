"""Which section of a CV a timeline is: its ``:kind:``, else its data file's section, else its heading.

Headings are matched in the five languages the extension ships besides
English (de, es, fr, it, zh_CN), whole or by their head word ("Selected
Publications", "Expérience professionnelle"), case and accents as written
or not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..model import TIMELINE_KINDS
from .record import Section

#: kind -> headings that say it, in en, de, fr, es, it and zh_CN
HEADINGS: dict[str, tuple[str, ...]] = {
    "work": (
        "work", "work experience", "employment", "experience", "professional experience", "positions",
        "appointments", "academic positions", "academic appointments", "research experience",
        "industry experience", "career",
        "erfahrung", "berufserfahrung", "beruflicher werdegang", "berufstätigkeit", "beschäftigung",
        "werdegang", "positionen", "anstellungen",
        "expérience", "expériences", "expérience professionnelle", "expériences professionnelles",
        "parcours professionnel", "emplois", "postes",
        "experiencia", "experiencia laboral", "experiencia profesional", "empleo", "trayectoria",
        "esperienza", "esperienze", "esperienza lavorativa", "esperienze lavorative",
        "esperienza professionale", "impieghi", "posizioni",
        "工作经历", "工作经验", "职业经历", "任职经历", "工作",
    ),
    "education": (
        "education", "academic background", "degrees", "studies",
        "ausbildung", "bildung", "bildungsweg", "studium", "akademischer werdegang",
        "formation", "éducation", "formation académique", "études", "diplômes",
        "educación", "formación", "formación académica", "estudios",
        "istruzione", "formazione", "titoli di studio", "studi",
        "教育背景", "教育经历", "教育", "学历",
    ),
    "volunteer": (
        "volunteer", "volunteering", "volunteer experience", "service", "professional service",
        "academic service",
        "ehrenamt", "ehrenamtliche tätigkeiten", "engagement",
        "bénévolat", "engagement associatif", "voluntariado", "volontariato",
        "志愿者经历", "志愿服务", "学术服务",
    ),
    "awards": (
        "awards", "honors", "honours", "awards and honors", "honors and awards", "prizes", "distinctions",
        "auszeichnungen", "preise", "ehrungen", "preise und auszeichnungen",
        "prix", "récompenses", "prix et distinctions",
        "premios", "distinciones", "reconocimientos", "premios y distinciones",
        "premi", "riconoscimenti", "onorificenze", "premi e riconoscimenti",
        "获奖", "奖项", "荣誉", "获奖情况", "荣誉奖项",
    ),
    "certificates": (
        "certificates", "certifications", "licenses",
        "zertifikate", "zertifizierungen", "certificats", "certificados", "certificaciones",
        "certificati", "certificazioni", "证书", "资格证书",
    ),
    "publications": (
        "publications", "papers", "articles",
        "publikationen", "veröffentlichungen", "publicaciones", "pubblicazioni",
        "论文", "发表论文", "出版物", "学术论文",
    ),
    "skills": (
        "skills", "technical skills", "computer skills",
        "kenntnisse", "fähigkeiten", "fertigkeiten", "technische kenntnisse", "it-kenntnisse",
        "compétences", "compétences techniques", "habilidades", "competencias", "conocimientos",
        "competenze", "abilità", "competenze tecniche", "技能", "专业技能",
    ),
    "languages": (
        "languages", "sprachen", "sprachkenntnisse", "langues", "idiomas", "lenguas", "lingue",
        "conoscenze linguistiche", "语言", "语言能力",
    ),
    "interests": (
        "interests", "hobbies", "research interests",
        "interessen", "hobbys", "centres d'intérêt", "intérêts", "loisirs", "intereses", "aficiones",
        "interessi", "hobby", "兴趣", "兴趣爱好", "研究兴趣",
    ),
    "references": (
        "references", "referees", "referenzen", "références", "referencias", "referenze", "推荐人",
    ),
    "projects": (
        "projects", "software", "projekte", "projets", "proyectos", "progetti", "项目", "项目经历",
    ),
    "talks": (
        "talks", "invited talks", "presentations", "conference talks", "lectures",
        "vorträge", "eingeladene vorträge", "exposés", "conférences", "présentations",
        "charlas", "conferencias", "ponencias", "interventi", "seminari", "presentazioni",
        "报告", "学术报告", "演讲", "邀请报告",
    ),
    "teaching": (
        "teaching", "teaching experience", "lehre", "lehrtätigkeit", "enseignement", "enseignements",
        "docencia", "enseñanza", "didattica", "insegnamento", "教学", "教学经历",
    ),
    "grants": (
        "grants", "funding", "grants and funding", "drittmittel", "förderungen", "fördermittel",
        "financements", "subventions", "financiación", "finanziamenti", "基金", "科研项目", "项目资助",
    ),
    "news": (
        "news", "updates", "neuigkeiten", "aktuelles", "actualités", "nouvelles", "noticias",
        "novedades", "notizie", "novità", "新闻", "动态", "最新动态",
    ),
}  # fmt: skip


def _norm(text: str) -> str:
    """Lower case, no accents, words apart (``Selected_Honors`` and ``selected honors`` are one)."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[\s_:.,;()\-–—/]+", " ", text).split())


_BY_HEADING: dict[str, str] = {_norm(h): kind for kind, headings in HEADINGS.items() for h in headings}
_CJK = re.compile(r"[\u3400-\u9fff]")


def heading_kind(heading: str) -> str:
    """The kind a heading says, or "": whole, else by its last or first word, else a Chinese key in it."""
    words = _norm(heading)
    if not words:
        return ""
    if words in _BY_HEADING:
        return _BY_HEADING[words]
    split = words.split()
    for word in (split[-1], split[0]):
        if word in _BY_HEADING:
            return _BY_HEADING[word]
    if _CJK.search(words):
        for key in sorted(_BY_HEADING, key=len, reverse=True):
            if _CJK.search(key) and key in words:
                return _BY_HEADING[key]
    return ""


def section_kind(section: Section) -> str:
    """What the timeline holds: ``:kind:``, the data file's section name, its heading or caption."""
    if section.kind:
        return section.kind
    if section.source_section in TIMELINE_KINDS:
        return section.source_section
    for name in (section.source_section, section.heading, section.caption):
        found = heading_kind(name)
        if found:
            return found
    return ""


def one_list_per_paper(sections: list[Section]) -> list[Section]:
    """Each paper exported once, however many pages of the site list it.

    The page that lists the most papers (the first such page in reading order)
    is the CV's list of papers: its lists are exported as they are, and a list
    elsewhere keeps only the papers that page and earlier lists do not show (the
    home page's selection, a publications page repeating the CV's lists: none).
    On any page, a list that another list of the page shows in full (and more, or
    earlier) is left out: a "Selected" list above the whole one.
    """
    shown = [frozenset(p.key for p in s.publications) for s in sections]
    pages: dict[str, set[str]] = {}
    for section, keys in zip(sections, shown, strict=True):
        if keys:
            pages.setdefault(section.docname, set()).update(keys)
    main = max(pages, key=lambda page: len(pages[page]), default="")

    def contained(index: int) -> bool:
        mine = shown[index]
        return any(
            other != index
            and sections[other].docname == sections[index].docname
            and mine <= theirs
            and (mine < theirs or other < index)
            for other, theirs in enumerate(shown)
        )

    found: list[Section] = []
    seen: set[str] = set()
    for index, section in enumerate(sections):
        if not section.publications:
            found.append(section)
            continue
        taken = seen if section.docname == main else seen | pages[main]
        papers = [] if contained(index) else [p for p in section.publications if p.key not in taken]
        seen.update(p.key for p in papers)
        if papers or section.entries:
            found.append(replace(section, publications=papers))
    return found
