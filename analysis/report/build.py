"""Build the static report: execute each notebook, render its page, write an index.

The site goes to a fresh folder (``build/report`` by default, ignored by git): ``index.html``
and one page per notebook, in the notebooks' own folder layout. A *light* site (the default)
has one copy of plotly.js, ``plotly.min.js`` next to ``index.html``, that every page loads: the
folder works offline as a whole. A *single-file* site inlines plotly.js in every page, so that
any one page can be e-mailed on its own. A failed build leaves the
previous site in place. Two builds from the same notebooks and dossier differ only in the one
line of each page that gives the build date.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from analysis.common.paths import BUILD_DIR, PROJECT_ROOT, resolve_dossier
from analysis.dossier.loading import load_dossier
from analysis.dossier.model import Dossier
from analysis.figures.datatables import BUNDLE_FILE, bundle_script
from analysis.report.errors import ReportError
from analysis.report.execute import execute_notebook
from analysis.report.render import PLOTLYJS_FILE, TEMPLATES, render_page
from analysis.report.sources import Citations, source_index

__all__ = [
    "MAX_PAGE_BYTES",
    "NOTEBOOKS_DIR",
    "DEFAULT_OUT",
    "Page",
    "build_report",
    "default_notebooks",
    "footer_html",
    "link_pages",
    "mode_note",
    "site_bytes",
]

#: No page, with the plotly.js and DataTables it loads, may be larger than this (plotly.js is
#: about 4.8 MB, the DataTables of sortable tables 0.7 MB).
MAX_PAGE_BYTES = 7_000_000
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DEFAULT_OUT = BUILD_DIR / "report"
_MARK = '<meta name="generator" content="analysis.report">'


@dataclass(frozen=True)
class Page:
    """One page of a built report."""

    notebook: Path
    path: Path
    href: str
    source: str
    title: str
    figure_count: int
    live_widgets: int
    size: int
    seconds: float
    sortable_tables: bool = False


def _in_report(path: Path) -> bool:
    """False for a notebook whose metadata says ``"analysis": {"report": false}``."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return True  # the build reports an unreadable notebook by name
    return (meta.get("analysis") or {}).get("report", True) is not False


def default_notebooks(root: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks a report covers: ``root``'s own first, then each subfolder's, by name.

    Checkpoints, scratch notebooks (``scratch/``, ``*.scratch.ipynb``) and live-only notebooks
    (metadata ``{"analysis": {"report": false}}``, such as the app, whose widgets a static page
    cannot run) are left out.
    """
    found = [
        p
        for p in root.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
        and "scratch" not in p.parts
        and not p.name.endswith(".scratch.ipynb")
        and _in_report(p)
    ]
    return sorted(found, key=lambda p: (len(p.relative_to(root).parts), str(p.relative_to(root))))


def _build_date(value: datetime | None) -> str:
    if value is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        value = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def footer_html(
    *, dossier_title: str, dossier_name: str, built: str, source: str = "", index_href: str = ""
) -> Markup:
    """The footer of every page; the build date is on its own line, and nowhere else."""
    nav = Markup('<a href="{}">All pages</a> · ').format(index_href) if index_href else ""
    made = Markup(" · notebook <code>{}</code>").format(source) if source else ""
    return Markup(
        '<footer class="report-footer">\n'
        "<p>{}Dossier: <strong>{}</strong> (<code>{}</code>){} · built with "
        "<code>make report</code>.</p>\n"
        '<p class="report-build-date">Built {}</p>\n'
        "</footer>"
    ).format(nav, dossier_title, dossier_name, made, built)


def mode_note(single_file: bool) -> str:
    """What the build made, in one line: light pages share plotly.js, single-file pages do not.

    >>> mode_note(False).split(":")[0]
    'light site'
    """
    if single_file:
        return (
            "single-file site: every page embeds plotly.js (and DataTables where a table "
            "sorts) and opens on its own "
            "(e-mail any one page)"
        )
    return (
        f"light site: the pages share one {PLOTLYJS_FILE} (and {BUNDLE_FILE} for sortable "
        "tables) next to index.html; keep the folder "
        "together (--single-file makes pages that stand alone)"
    )


def site_bytes(folder: str | os.PathLike[str]) -> int:
    """Total size of the files of a built site, in bytes."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def _is_report(folder: Path) -> bool:
    index = folder / "index.html"
    return index.is_file() and _MARK in index.read_text(encoding="utf-8", errors="replace")


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()) and not _is_report(out_dir):
        raise ReportError(
            f"{out_dir} is not empty and holds no report (no index.html written by "
            "analysis.report): refusing to replace it; choose another folder"
        )


# A relative link to a notebook in rendered markdown: href="../classroom/c1.ipynb#Anchor".
_NOTEBOOK_LINK = re.compile(r'href="([^":?#]+)\.ipynb(#[^"]*)?"')


def link_pages(html: str, notebook: Path, built: set[Path]) -> str:
    """Point links between notebooks at their pages, when the target is part of the build.

    >>> link_pages('<a href="05-x.ipynb#Top">', Path("/n/01.ipynb"), {Path("/n/05-x.ipynb")})
    '<a href="05-x.html#Top">'
    """

    def page(match: re.Match) -> str:
        target = (notebook.parent / f"{match.group(1)}.ipynb").resolve()
        if target not in built:
            return match.group(0)
        return f'href="{match.group(1)}.html{match.group(2) or ""}"'

    return _NOTEBOOK_LINK.sub(page, html)


def _root_of(notebooks: Sequence[Path]) -> Path:
    return Path(os.path.commonpath([p.parent for p in notebooks]))


def _write_index(
    folder: Path,
    pages: Sequence[Page],
    *,
    dossier_title: str,
    dossier_name: str,
    built: str,
    single_file: bool,
) -> None:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True
    )
    groups: dict[str, list[Page]] = {}
    for page in pages:
        group = str(Path(page.href).parent)
        groups.setdefault("" if group == "." else group.replace("-", " ").capitalize(), []).append(
            page
        )
    html = env.get_template("index.html.j2").render(
        heading="Partnership dossiers: the report",
        dossier_title=dossier_title,
        dossier_name=dossier_name,
        groups=list(groups.items()),
        single_file=single_file,
        plotlyjs_file=PLOTLYJS_FILE,
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
        footer=footer_html(dossier_title=dossier_title, dossier_name=dossier_name, built=built),
    )
    (folder / "index.html").write_text(html, encoding="utf-8")


def _build_page(
    path: Path,
    source: str,
    staging: Path,
    out_dir: Path,
    *,
    built_notebooks: set[Path],
    dossier: Path | None,
    loaded: Dossier,
    built: str,
    show_code: bool,
    timeout: float | None,
    single_file: bool,
) -> tuple[Page, str]:
    """Execute, render, check and write one page; return it and its timing for progress."""
    href = Path(source).with_suffix(".html").as_posix()
    t0 = time.perf_counter()
    nb = execute_notebook(path, dossier=dossier, timeout=timeout)
    t1 = time.perf_counter()
    up = "../" * (len(Path(href).parts) - 1)
    footer = footer_html(
        dossier_title=loaded.title,
        dossier_name=loaded.name,
        built=built,
        source=source,
        index_href=f"{up}index.html",
    )
    html, content = render_page(
        nb,
        name=Path(source).stem,
        show_code=show_code,
        footer=footer,
        plotlyjs_src=None if single_file else f"{up}{PLOTLYJS_FILE}",
        citations=Citations(source_index(loaded)),
        tables_src=None if single_file else f"{up}{BUNDLE_FILE}",
    )
    data = link_pages(html, path, built_notebooks).encode("utf-8")
    shared = (
        0
        if single_file
        else (
            (len(_plotlyjs_bytes()) if content.figures else 0)
            + (len(bundle_script().encode("utf-8")) if content.sortable_tables else 0)
        )
    )
    if len(data) + shared > MAX_PAGE_BYTES:
        files = [
            f
            for f, used in (
                (PLOTLYJS_FILE, content.figures),
                (BUNDLE_FILE, content.sortable_tables),
            )
            if used
        ]
        loads = f", counting the {' and '.join(files)} it loads" if shared else ""
        raise ReportError(
            f"{href} is {(len(data) + shared) / 1e6:.2f} MB, over the "
            f"{MAX_PAGE_BYTES / 1e6:.0f} MB "
            f"limit for a page ({len(content.figures)} figures){loads}: draw fewer points or "
            "shorter hover text, or split the notebook"
        )
    target = staging / href
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    t2 = time.perf_counter()
    page = Page(
        notebook=path,
        path=out_dir / href,
        href=href,
        source=source,
        title=content.title,
        figure_count=len(content.figures),
        live_widgets=content.live_widgets,
        size=len(data),
        seconds=t2 - t0,
        sortable_tables=content.sortable_tables,
    )
    return page, f"(executed in {t1 - t0:.1f} s, rendered in {t2 - t1:.1f} s)"


def _plotlyjs_bytes() -> bytes:
    return get_plotlyjs().encode("utf-8")


def build_report(
    notebooks: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    dossier: str | os.PathLike[str] | None = None,
    show_code: bool = False,
    progress: Callable[[str], object] = print,
    build_date: datetime | None = None,
    timeout: float | None = 600,
    single_file: bool = True,
) -> list[Page]:
    """Execute ``notebooks`` against a dossier and write them as a static site in ``out_dir``.

    Parameters
    ----------
    notebooks : the notebooks, in the order the index lists them (see
        :func:`default_notebooks`); pages keep their paths relative to the notebooks' common
        folder (``classroom/c1.ipynb`` becomes ``classroom/c1.html``).
    out_dir : the site's folder; replaced when the build succeeds. It must be missing, empty
        or a previous report.
    dossier : the dossier folder injected as ``DOSSIER``; ``None`` keeps the notebooks'
        default (the bundled dossier, or ``$PARTNERSHIP_DOSSIER``).
    show_code : show code cells when a page opens (each page has a button either way).
    progress : called with one line per step.
    build_date : the date shown in each footer (default: ``$SOURCE_DATE_EPOCH`` or now).
    timeout : seconds any one cell may run.
    single_file : inline plotly.js in every page (each page stands alone; the default here,
        for callers that hand out pages one by one) or, when false, write it once as
        ``plotly.min.js`` next to ``index.html`` for every page to load (the light site that
        ``python -m analysis.report`` builds unless given ``--single-file``).

    Returns
    -------
    list of Page
        One per notebook, with its title, figure count and size.

    Raises
    ------
    ReportError
        A notebook failed, a page is over :data:`MAX_PAGE_BYTES` or would load from the network.
    DossierValidationError
        The dossier is not valid (checked before any notebook runs).
    """
    started = time.perf_counter()
    paths = [Path(p).resolve() for p in notebooks]
    if not paths:
        raise ReportError("no notebooks to build")
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise ReportError(f"no such notebook: {', '.join(missing)}")
    out_dir = Path(out_dir).resolve()
    _check_out_dir(out_dir)
    folder = resolve_dossier(dossier)
    loaded = load_dossier(folder)
    progress(f"dossier: {loaded.title} ({folder})")
    built = _build_date(build_date)
    root = _root_of(paths)
    staging = out_dir.parent / f".{out_dir.name}.building"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    pages: list[Page] = []
    try:
        for number, path in enumerate(paths, start=1):
            step = f"[{number}/{len(paths)}]"
            source = path.relative_to(root).as_posix()
            progress(f"{step} executing {source} ...")
            page, timing = _build_page(
                path,
                source,
                staging,
                out_dir,
                built_notebooks=set(paths),
                dossier=None if dossier is None else folder,
                loaded=loaded,
                built=built,
                show_code=show_code,
                timeout=timeout,
                single_file=single_file,
            )
            pages.append(page)
            figures = f"{page.figure_count} figure{'' if page.figure_count == 1 else 's'}"
            progress(f"{step} {page.href}: {figures}, {page.size / 1e6:.1f} MB {timing}")
        if not single_file and any(page.figure_count for page in pages):
            (staging / PLOTLYJS_FILE).write_bytes(_plotlyjs_bytes())
        if not single_file and any(page.sortable_tables for page in pages):
            (staging / BUNDLE_FILE).write_text(bundle_script(), encoding="utf-8")
        _write_index(
            staging,
            pages,
            dossier_title=loaded.title,
            dossier_name=loaded.name,
            built=built,
            single_file=single_file,
        )
        if out_dir.exists():
            shutil.rmtree(out_dir)
        staging.rename(out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    progress(f"mode: {mode_note(single_file)}; {site_bytes(out_dir) / 1e6:.1f} MB in all")
    progress(
        f"wrote {len(pages)} pages and index.html to {out_dir} in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return pages
