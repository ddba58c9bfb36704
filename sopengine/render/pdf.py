"""HTML to PDF with WeasyPrint: pure Python over Pango, no browser needed, and
it lays out inline SVG, paged media (@page, page breaks) and print CSS."""

from __future__ import annotations

from sopengine.errors import RenderError

PANGO_HINT = ("WeasyPrint needs the Pango library (Debian/Ubuntu: apt install "
              "libpango-1.0-0 libpangoft2-1.0-0; Windows: see "
              "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html)")


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    try:
        import weasyprint
    except OSError as exc:  # the Python package is there, its C library is not
        raise RenderError(f"cannot make PDF: {exc}", hint=PANGO_HINT) from None
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf()
