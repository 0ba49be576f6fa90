"""Inputs schemathesis found (./scripts/test.sh schemathesis), kept as plain tests so they stay fixed."""

import httpx

from tests.support.factories import UploadBuilder


async def test_huge_proof_version_is_a_422_not_a_database_overflow(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    r = await client.get(f"/api/v1/preview/{campaign['id']}", params={"version": "26788035289988558848"})
    assert r.status_code == 422
    assert r.json()["code"] == "validation_error" and "version" in r.json()["detail"]
    r = await client.post(
        f"/api/v1/approve/{campaign['id']}", json={"decision": "approve", "proof_version": 26788035289988558848}
    )
    assert r.status_code == 422


async def test_unparseable_form_bodies_are_documented_400s(anon_client: httpx.AsyncClient):
    r = await anon_client.post(
        "/api/v1/auth/login", content=b"--x\r\n\r\n", headers={"Content-Type": "multipart/form-data; boundary=x"}
    )
    assert r.status_code == 400 and r.json()["code"] == "bad_request"
    schema = (await anon_client.get("/openapi.json")).json()
    for path, operations in schema["paths"].items():
        if path.startswith("/api/v1/"):
            for method, op in operations.items():
                assert {"400", "422", "429"} <= set(op["responses"]), (method, path)


async def test_json_bodies_are_capped_far_below_the_upload_limit(client: httpx.AsyncClient, anon_client):
    """Only uploads may be megabytes; a 2 MB JSON body is refused before it is parsed."""
    huge = {"email": "a@example.com", "password": "x" * (2 * 1024 * 1024)}
    r = await anon_client.post("/api/v1/auth/register", json=huge)
    assert r.status_code == 413 and r.json()["code"] == "request_too_large"
    r = await client.post(f"/api/v1/approve/{'0' * 8}-0000-0000-0000-{'0' * 12}", json={"comment": "x" * 2_000_000})
    assert r.status_code == 413
