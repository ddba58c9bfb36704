"""The JSON API: bearer tokens, the same authorization as the pages, OpenAPI."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient


def _client(app: Any, office: Any, name: str | None) -> TestClient:
    client = TestClient(app)
    if name:
        client.headers["Authorization"] = f"Bearer {office.signin.new_token(name, 'test')}"
    return client


def test_anonymous_calls_get_401(app: Any) -> None:
    client = TestClient(app)
    for path in ("/api/tasks", "/api/instances", "/api/instances/1", "/api/reports/x"):
        answer = client.get(path)
        assert answer.status_code == 401, path
        assert answer.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/tasks", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_openapi_describes_the_operations(app: Any) -> None:
    spec = TestClient(app).get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/tasks", "/api/instances", "/api/instances/{instance_id}",
            "/api/instances/{instance_id}/tasks/{task_id}/complete",
            "/api/reports/{sop_id}"} <= paths
    assert all(p.startswith("/api/") for p in paths)  # the pages are not in it
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


def test_start_complete_and_report_over_the_api(app: Any, office: Any) -> None:
    camat, tim = _client(app, office, "camat"), _client(app, office, "tim")
    refused = tim.post("/api/instances", json={"sop_id": "pengukuran-kinerja"})
    assert refused.status_code == 403
    assert "langkah pertamanya dikerjakan oleh Camat" in refused.json()["message"]
    started = camat.post("/api/instances", json={"sop_id": "pengukuran-kinerja",
                                                 "title": "TW IV"}).json()
    assert started["title"] == "TW IV"
    assert started["started_by"] == "camat"
    [task] = camat.get("/api/tasks").json()
    assert task["step"] == "perintah"
    camat.post("/api/instances", json={"sop_id": "pengukuran-kinerja"})
    assert [t["instance_id"] for t in camat.get("/api/tasks?limit=1").json()] == [started["id"]]
    assert camat.get("/api/tasks?limit=1001").status_code == 400
    url = f"/api/instances/{task['instance_id']}/tasks/{task['task_id']}/complete"
    assert tim.post(url, json={}).status_code == 403
    done = camat.post(url, json={"note": "<b>ok</b>"})
    assert done.status_code == 200
    assert done.json()["history"][1]["note"] == "<b>ok</b>"
    again = camat.post(url, json={})
    assert again.status_code == 409
    assert again.json()["message"].startswith("Sudah diselesaikan oleh Bapak Camat (camat)")
    report = camat.get("/api/reports/pengukuran-kinerja").json()
    assert report[0]["count"] == 1
    assert [i["id"] for i in camat.get("/api/instances").json()][-1] == started["id"]
    assert camat.get("/api/instances/999").status_code == 404


PDF = b"%PDF-1.4\n% a scanned letter\n"


def _started(camat: TestClient) -> tuple[int, str]:
    started = camat.post("/api/instances", json={"sop_id": "pengukuran-kinerja"}).json()
    [task] = camat.get("/api/tasks").json()
    return started["id"], f"/api/instances/{started['id']}/tasks/{task['task_id']}"


def test_the_new_operations_are_described_and_refuse_anonymous_calls(app: Any) -> None:
    spec = TestClient(app).get("/api/openapi.json").json()
    assert {"/api/instances/{instance_id}/cancel",
            "/api/instances/{instance_id}/tasks/{task_id}/complete-with-files",
            "/api/files/{file_id}"} <= set(spec["paths"])
    upload = spec["paths"]["/api/instances/{instance_id}/tasks/{task_id}/complete-with-files"]
    assert "multipart/form-data" in upload["post"]["requestBody"]["content"]
    client = TestClient(app)
    for path in ("/api/instances/1/cancel", "/api/instances/1/tasks/1/complete-with-files"):
        assert client.post(path, json={}).status_code == 401, path
    assert client.get("/api/files/1").status_code == 401


def test_cancel_is_for_an_admin_or_the_starter(app: Any, office: Any) -> None:
    camat, tim, admin = (_client(app, office, n) for n in ("camat", "tim", "admin"))
    first, _ = _started(camat)
    refused = tim.post(f"/api/instances/{first}/cancel", json={"note": "salah"})
    assert refused.status_code == 403
    assert refused.json()["message"] == ("Hanya admin atau yang memulai instans ini yang dapat "
                                         "membatalkannya.")
    assert office.engine.instance(first).status == "running"
    done = camat.post(f"/api/instances/{first}/cancel", json={"note": "dobel"})
    assert done.status_code == 200
    assert done.json()["status"] == "cancelled"
    assert done.json()["open_tasks"] == []
    assert done.json()["history"][-1]["note"] == "dobel"
    assert done.json()["history"][-1]["by"] == "Bapak Camat (camat)"
    again = camat.post(f"/api/instances/{first}/cancel", json={})
    assert again.status_code == 409
    assert again.json()["message"] == "Instans ini sudah dibatalkan; tidak ada yang dibatalkan."
    second = camat.post("/api/instances", json={"sop_id": "pengukuran-kinerja"}).json()["id"]
    assert admin.post(f"/api/instances/{second}/cancel", json={}).status_code == 200
    assert camat.post("/api/instances/999/cancel", json={}).status_code == 404


def test_completing_with_files_stores_them_with_the_completion(app: Any, office: Any) -> None:
    camat, tim = _client(app, office, "camat"), _client(app, office, "tim")
    iid, task = _started(camat)
    url = task + "/complete-with-files"
    assert tim.post(url, files={"files": ("surat.pdf", PDF)}).status_code == 403
    done = camat.post(url, data={"note": "terlampir"},
                      files=[("files", ("surat perintah.pdf", PDF, "application/pdf"))])
    assert done.status_code == 200, done.text
    [stored] = done.json()["files"]
    assert (stored["name"], stored["size"], stored["by"]) == ("surat perintah.pdf", len(PDF),
                                                              "Bapak Camat (camat)")
    assert done.json()["history"][1]["note"] == "terlampir"
    got = tim.get(stored["url"])
    assert got.status_code == 200
    assert got.content == PDF
    assert got.headers["content-disposition"] == ("attachment; filename*=UTF-8''"
                                                  "surat%20perintah.pdf")
    assert camat.post(url, files={"files": ("lagi.pdf", PDF)}).status_code == 409
    assert len(office.files.of_instance(iid)) == 1  # the refused one was not kept


def test_bad_files_are_refused_and_nothing_is_completed(app: Any, office: Any) -> None:
    camat = _client(app, office, "camat")
    iid, task = _started(camat)
    url = task + "/complete-with-files"
    escape = camat.post(url, files={"files": ("../../etc/passwd.pdf", PDF)})
    assert escape.status_code == 400
    assert escape.json()["message"].startswith("Nama berkas “../../etc/passwd.pdf” tidak "
                                               "diterima")
    not_pdf = camat.post(url, files={"files": ("surat.pdf", b"MZ\x90\x00 a program")})
    assert not_pdf.status_code == 400
    assert "Jenis berkas “surat.pdf” tidak diterima" in not_pdf.json()["message"]
    big = camat.post(url, files={"files": ("besar.pdf", PDF + b"0" * (2 * 1024 * 1024))})
    assert big.status_code == 413
    assert big.json()["message"].startswith("Unggahan terlalu besar")
    assert office.files.of_instance(iid) == []
    [open_task] = camat.get(f"/api/instances/{iid}").json()["open_tasks"]
    assert open_task["state"] == "ready"


def test_instances_are_filtered_as_the_page_filters_them(app: Any, office: Any) -> None:
    import datetime as dt

    loaded = office.sops["pengukuran-kinerja"]
    january = office.engine.start(loaded, at=dt.datetime(2026, 1, 5, 7, 30)).id
    newer = [office.engine.start(loaded, at=dt.datetime(2026, 11, 23, 7, 30)).id
             for _ in range(3)]
    reviewer = _client(app, office, "camat")
    found = reviewer.get("/api/instances?started_until=2026-01-31&limit=2").json()
    assert [(i["id"], i["late"]) for i in found] == [(january, True)]
    assert [i["id"] for i in reviewer.get("/api/instances?limit=2").json()] == newer[:0:-1]
    late = reviewer.get("/api/instances?late=true&started_from=2026-01-01"
                        "&started_until=2026-06-30").json()
    assert [i["id"] for i in late] == [january]
    assert reviewer.get(f"/api/instances/{january}").json()["late"] is True
    bad = reviewer.get("/api/instances?started_from=kemarin")
    assert bad.status_code == 400
    assert bad.json()["message"].startswith("Isian tidak sah: started_from: Input should be "
                                            "a valid date")
