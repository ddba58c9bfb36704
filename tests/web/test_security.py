"""Security enforced on the server: sessions, CSRF, throttling, authorization,
escaping, upload limits, error pages."""

from __future__ import annotations

import errno
import re
from typing import Any

from sopengine.runtime import attachments as attachments_module
from sopengine.web.app import AREAS, create_app
from sopengine.web.routes import Pages
from tests.web.conftest import PASSWORD, Browser, start_pengukuran, task_path

PDF = b"%PDF-1.4\n% a tiny test file\n"


def test_sign_in_form_and_cookie(browser: Any) -> None:
    b = browser()
    page = b.get("/masuk").text
    for field in ('name="username"', 'name="password"', 'name="csrf"'):
        assert field in page
    done = b.sign_in("camat")
    assert done.status_code == 303
    assert done.headers["location"] == "/tugas"
    cookie = done.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Max-Age=" in cookie
    assert "Bapak Camat" in b.get("/tugas").text


def test_wrong_password_and_throttling(browser: Any) -> None:
    b = browser()
    wrong = b.sign_in("camat", "salah-sekali")
    assert wrong.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in wrong.text
    for _ in range(4):
        b.sign_in("camat", "salah-sekali")
    refused = b.sign_in("camat")  # the right password, but the account is throttled
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in refused.text
    assert browser("sekretaris").get("/tugas").status_code == 200  # others unaffected


def test_sign_out_ends_the_session(browser: Any) -> None:
    b = browser("camat")
    cookies = dict(b.client.cookies)
    assert b.post("/keluar").status_code == 303
    stolen = Browser(b.client.app)
    stolen.client.cookies.update(cookies)
    assert stolen.get("/tugas").status_code == 303  # back to the sign-in page


def test_anonymous_is_sent_to_sign_in(browser: Any) -> None:
    page = browser().get("/tugas")
    assert page.status_code == 303
    assert page.headers["location"] == "/masuk?next=/tugas"


def test_every_form_post_without_its_csrf_token_is_refused(browser: Any) -> None:
    b = browser("admin")
    posts = [r.path for area in AREAS for r in area.router.routes
             if "POST" in getattr(r, "methods", ()) and not r.path.startswith("/api")]
    assert len(posts) >= 6
    for path in posts:
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        refused = b.client.post(concrete, data={"title": "x", "username": "admin"})
        assert refused.status_code == 403, path
        assert "token keamanan tidak cocok" in refused.text, path
    wrong = b.client.post("/mulai/pengukuran-kinerja", data={"csrf": "0" * 64})
    assert wrong.status_code == 403


def test_completing_without_the_position_is_403(browser: Any) -> None:
    camat = browser("camat")
    iid = start_pengukuran(camat)
    path = task_path(camat, "Camat memerintahkan")
    outsider = browser("sekretaris")
    page = outsider.get(path)
    assert page.status_code == 200
    assert "Selesaikan tugas" not in page.text
    refused = outsider.post(path, token_from=path)
    assert refused.status_code == 403
    assert ("Anda tidak berwenang menyelesaikan tugas ini: langkah ini dikerjakan oleh Camat"
            in refused.text)
    assert "Camat memerintahkan" in task_path(camat, "Camat memerintahkan") or iid


def test_only_admins_manage_users(browser: Any) -> None:
    assert browser("camat").get("/pengguna").status_code == 403
    assert "Halaman ini hanya untuk admin." in browser("camat").get("/pengguna").text
    assert browser("admin").get("/pengguna").status_code == 200


def test_starting_needs_the_first_actor(browser: Any) -> None:
    refused = browser("tim").post("/mulai/pengukuran-kinerja", {"title": "x"})
    assert refused.status_code == 403
    assert "langkah pertamanya dikerjakan oleh Camat" in refused.text


def test_hostile_text_is_shown_as_written(browser: Any) -> None:
    camat = browser("camat")
    hostile = "<script>alert('x')</script> \"quoted\" & 'single'"
    iid = start_pengukuran(camat, title=hostile)
    path = task_path(camat, "Camat memerintahkan")
    assert camat.post(path, {"note": hostile}, token_from=path).status_code == 303
    start_pengukuran(camat, title=hostile)  # its first task waits in Tugas saya
    for page in (camat.get(f"/instans/{iid}").text, camat.get(path).text,
                 camat.get("/instans").text, camat.get("/tugas").text):
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &#34;quoted&#34; &amp;" in page


def test_uploads_are_limited_and_names_never_trusted(browser: Any, office: Any) -> None:
    camat = browser("camat")
    iid = start_pengukuran(camat)
    path = task_path(camat, "Camat memerintahkan")

    def send(name: str, data: bytes) -> Any:
        return camat.post(path, token_from=path, files={"files": (name, data, "application/pdf")})

    big = send("besar.pdf", PDF + b"0" * (2 * 1024 * 1024))
    assert big.status_code == 413
    assert "Unggahan terlalu besar: paling besar 1 MB" in big.text
    sneaky = send("../../rahasia.pdf", PDF)
    assert sneaky.status_code == 400
    assert "tidak boleh berisi garis miring" in sneaky.text
    fake = send("virus.pdf", b"MZ\x90\x00 not a pdf")
    assert fake.status_code == 400
    assert "Jenis berkas" in fake.text
    assert task_path(camat, "Camat memerintahkan") == path  # nothing above completed the task
    assert send("disposisi <b>.pdf", PDF).status_code == 303
    [stored] = office.files.of_instance(iid)
    assert office.files.path(stored).read_bytes() == PDF
    assert office.files.path(stored).resolve().is_relative_to(office.uploads.resolve())
    page = camat.get(f"/instans/{iid}").text
    assert "disposisi &lt;b&gt;.pdf" in page
    got = camat.get(f"/berkas/{stored.id}")
    assert got.content == PDF
    assert got.headers["content-disposition"].startswith("attachment")


def test_a_full_upload_disk_completes_nothing_and_keeps_nothing(
        browser: Any, office: Any, monkeypatch: Any) -> None:
    camat = browser("camat")
    iid = start_pengukuran(camat)
    path = task_path(camat, "Camat memerintahkan")
    real_copy, copies = attachments_module.shutil.copyfileobj, []

    def second_one_fills_the_disk(source: Any, out: Any) -> None:
        copies.append(out.name)
        if len(copies) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_copy(source, out)

    monkeypatch.setattr(attachments_module.shutil, "copyfileobj", second_one_fills_the_disk)
    full = camat.post(path, token_from=path, files=[("files", ("satu.pdf", PDF, "application/pdf")),
                                                    ("files", ("dua.pdf", PDF, "application/pdf"))])
    assert full.status_code == 503
    assert "disk folder berkas unggahan penuh; tugas tidak diselesaikan" in full.text
    assert "Traceback" not in full.text
    assert "No space" not in full.text
    assert len(copies) == 2  # the first file was written, then taken away again
    assert office.files.of_instance(iid) == []
    assert [p for p in office.uploads.rglob("*") if p.is_file()] == []
    assert task_path(camat, "Camat memerintahkan") == path  # still camat's, still ready


def test_a_huge_body_is_refused_before_it_is_read(browser: Any) -> None:
    camat = browser("camat")
    start_pengukuran(camat)
    path = task_path(camat, "Camat memerintahkan")
    body = PDF + b"0" * (50 * 1024 * 1024)
    refused = camat.post(path, token_from=path, files={"files": ("besar.pdf", body)})
    assert refused.status_code == 413
    assert "Unggahan terlalu besar" in refused.text


def test_two_tabs_complete_once(browser: Any, office: Any) -> None:
    camat = browser("camat")
    iid = start_pengukuran(camat)
    path = task_path(camat, "Camat memerintahkan")
    token = camat.csrf(path)  # both tabs loaded the page
    assert camat.client.post(path, data={"csrf": token}).status_code == 303
    second = camat.client.post(path, data={"csrf": token})
    assert second.status_code == 409
    assert re.search(r"Sudah diselesaikan oleh Bapak Camat \(camat\) pada \d\d-\d\d-\d{4}",
                     second.text)
    completions = [e for e in office.engine.history(iid) if e.kind == "completed"]
    assert len(completions) == 1


def test_errors_are_pages_without_tracebacks(office: Any) -> None:
    broken = Pages()

    @broken.get("/rusak")
    def fail() -> None:
        raise RuntimeError("secret detail")

    area = type("Area", (), {"router": broken})
    b = Browser(create_app(office=office, areas=[*AREAS, area]), raise_server_exceptions=False)
    assert b.sign_in("camat").status_code == 303
    page = b.get("/rusak")
    assert page.status_code == 500
    assert "Terjadi kesalahan di server" in page.text
    assert "Traceback" not in page.text
    assert "secret detail" not in page.text
    missing = b.get("/tidak-ada")
    assert missing.status_code == 404
    assert "Halaman tidak ditemukan." in missing.text
    assert b.get("/instans/999").status_code == 404
    assert b.get("/instans/abc").status_code in (400, 404)


def test_an_error_page_that_fails_too_still_speaks_plainly(
        office: Any, monkeypatch: Any) -> None:
    from sopengine.web import errors

    broken = Pages()

    @broken.get("/rusak")
    def fail() -> None:
        raise RuntimeError("secret detail")

    def no_page(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the template is gone")

    monkeypatch.setattr(errors, "error_page", no_page)
    area = type("Area", (), {"router": broken})
    b = Browser(create_app(office=office, areas=[*AREAS, area]), raise_server_exceptions=False)
    page = b.get("/rusak")
    assert page.status_code == 500
    assert page.headers["content-type"].startswith("text/plain")
    assert page.text.startswith("Terjadi kesalahan di server. Data Anda aman")
    assert "secret detail" not in page.text


def test_disabled_users_cannot_sign_in(browser: Any, office: Any) -> None:
    signed_in = browser("tim")
    office.accounts.set_disabled("tim", True)
    assert signed_in.get("/tugas").status_code == 303
    refused = browser().sign_in("tim", PASSWORD)
    assert refused.status_code == 401
    assert "dinonaktifkan" in refused.text


SECURITY_HEADERS = {"content-security-policy", "x-content-type-options", "referrer-policy",
                    "x-frame-options"}


def test_every_answer_carries_the_security_headers(browser: Any, app: Any) -> None:
    """Pages, error pages, the API's 401, static files and the 413 of a huge body all
    get them, from a pure ASGI middleware (BaseHTTPMiddleware buffers and breaks
    streaming; none is in the stack)."""
    from starlette.middleware.base import BaseHTTPMiddleware

    assert not any(issubclass(m.cls, BaseHTTPMiddleware) for m in app.user_middleware
                   if isinstance(m.cls, type))
    anonymous = Browser(app)
    answers = {"sign-in page": anonymous.get("/masuk"), "404": anonymous.get("/tidak-ada"),
               "api 401": anonymous.get("/api/tasks"), "css": anonymous.get("/static/app.css"),
               "413": anonymous.client.post("/masuk", content=b"0" * (60 * 1024 * 1024))}
    for what, answer in answers.items():
        missing = SECURITY_HEADERS - set(answer.headers)
        assert not missing, f"{what} ({answer.status_code}) lacks {missing}"
        assert answer.headers["x-frame-options"] == "DENY"
    assert answers["sign-in page"].headers["cache-control"] == "no-store"
    assert "no-store" not in answers["css"].headers.get("cache-control", "")
    assert "sopengine_visitor=" in answers["sign-in page"].headers["set-cookie"]
    assert "HttpOnly" in answers["sign-in page"].headers["set-cookie"]
    again = anonymous.get("/masuk")  # the visitor cookie is set once, then kept
    assert "sopengine_visitor" not in again.headers.get("set-cookie", "")
    assert anonymous.sign_in("camat").status_code == 303  # its CSRF token still holds
