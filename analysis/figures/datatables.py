"""Sort and search for long reader tables, offline: the DataTables that itables bundles.

itables bundles DataTables (JavaScript and CSS) in the package; :func:`bundle_html` inlines that
bundle as one classic script (it loads the module from a ``blob:`` address, as itables' own
offline mode does, so nothing is fetched and it works on a page opened from disk).
:func:`init_html` turns every table marked ``reader-sortable`` into a DataTable: clickable
headers, a search box, all rows on one page.
Without JavaScript the table stays plain and complete.

A notebook output carries both; a report page carries the bundle once (see
:func:`split_bundle`), in its head or, for a light site, as :data:`BUNDLE_FILE` next to it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

__all__ = [
    "BUNDLE_FILE",
    "SORTABLE_CLASS",
    "bundle_html",
    "bundle_script",
    "init_html",
    "split_bundle",
]

#: Class that marks a table for sorting and search.
SORTABLE_CLASS = "reader-sortable"
#: The file, next to ``index.html``, that the pages of a light site load the bundle from.
BUNDLE_FILE = "reader-tables.js"

_START = "<!-- reader-tables bundle -->"
_END = "<!-- /reader-tables bundle -->"
_BUNDLE = re.compile(re.escape(_START) + ".*?" + re.escape(_END), re.DOTALL)


@cache
def _ready_name() -> str:
    from itables.javascript import _itables_underscore_version

    return _itables_underscore_version()


# Loads the bundle as a module from a blob: address (a page opened from disk cannot import a
# module file), and its CSS; sets the promise itables' own init sets, once per page.
_LOADER = """(function () {
  if (window.__READY__) { return; }
  const style = document.createElement("style");
  style.textContent = __CSS__;
  document.head.appendChild(style);
  const url = URL.createObjectURL(new Blob([__JS__], { type: "text/javascript" }));
  window.__READY__ = import(url);
  window.__READY__.finally(() => URL.revokeObjectURL(url));
})();
"""


def _literal(text: str) -> str:
    """``text`` as a JavaScript string that cannot close the ``<script>`` it sits in."""
    return json.dumps(text).replace("</", "<\\/").replace("<!--", "<\\!--")


@cache
def bundle_script() -> str:
    """The JavaScript that loads DataTables from the itables package (no ``<script>`` tags)."""
    from itables.options import dt_bundle

    js = Path(dt_bundle)
    return (
        _LOADER.replace("__READY__", _ready_name())
        .replace("__CSS__", _literal(js.with_suffix(".css").read_text(encoding="utf-8")))
        .replace("__JS__", _literal(js.read_text(encoding="utf-8")))
    )


def bundle_html() -> str:
    """The bundle as an inline script, between markers that :func:`split_bundle` finds."""
    return f"{_START}<script>{bundle_script()}</script>{_END}"


# The init waits for the bundle's promise; tables already made DataTables are skipped, so the
# inits of several outputs on one page do the work once.
_INIT = """<script type="module">
(async () => {
  const ready = window.__READY__;
  if (!ready) { return; }
  const { default: DataTable } = await ready;
  document.querySelectorAll("table.__CLASS__:not(.dataTable)").forEach((table) => {
    new DataTable(table, {
      paging: false, order: [], autoWidth: false,
      language: { search: "Search this table:", info: "_TOTAL_ rows",
                  infoFiltered: "(of _MAX_)", infoEmpty: "no rows" },
    });
  });
})();
</script>"""


def init_html() -> str:
    """The script that makes every ``reader-sortable`` table on the page a DataTable."""
    return _INIT.replace("__READY__", _ready_name()).replace("__CLASS__", SORTABLE_CLASS)


def split_bundle(html: str) -> tuple[str, bool]:
    """``html`` without its inline bundles, and whether it had one.

    >>> split_bundle("<table></table>" + _START + "<script>x</script>" + _END)
    ('<table></table>', True)
    """
    stripped, count = _BUNDLE.subn("", html)
    return stripped, count > 0
