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
    assert [i["id"] for i in camat.get("/api/instances").json()] == [started["id"]]
    assert camat.get("/api/instances/999").status_code == 404
