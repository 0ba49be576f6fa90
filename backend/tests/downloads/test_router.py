"""GET /api/v1/download: the approved email as a ZIP."""

import io
import json
import zipfile

import httpx

from tests.conftest import unknown_id
from tests.factories import UploadBuilder, jpeg


async def test_download_before_approval_is_409(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    r = await client.get(f"/api/v1/download/{campaign['id']}")
    assert r.status_code == 409
    assert r.json()["code"] == "not_approved"
    assert "approve" in r.json()["detail"]


async def test_download_zip_holds_the_approved_email(uploads: UploadBuilder, client: httpx.AsyncClient):
    heroes = [(f"h{i}.jpg", jpeg(1600, 1200), "image/jpeg") for i in range(3)]
    campaign = await uploads.approved(campaign_name="Winter Sale: Part 2!", heroes=heroes)
    r = await client.get(f"/api/v1/download/{campaign['id']}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/zip"
    assert r.headers["content-disposition"] == 'attachment; filename="winter-sale-part-2-v1.zip"'
    zf = zipfile.ZipFile(io.BytesIO(r.content))
    names = set(zf.namelist())
    assert {"email.html", "email-hosted.html", "email.txt", "details.json"} <= names
    assert {"images/logo.png", "images/hero-1.jpg", "images/hero-2.jpg", "images/hero-3.jpg"} <= names
    local = zf.read("email.html").decode()
    assert 'src="images/hero-1.jpg"' in local and "http://testserver/media" not in local
    plate = next(n for n in names if "-plate-" in n)  # the transparent logo on its baked-in backdrop
    assert f'src="{plate}"' in local
    hosted = zf.read("email-hosted.html").decode()
    assert "http://testserver/media/campaigns/" in hosted
    details = json.loads(zf.read("details.json"))
    assert details["proof_version"] == 1 and len(details["subject_lines"]) == 3
    assert details["approved_at"] and details["preheader"]
    assert "Winter Sale: Part 2!" in zf.read("email.txt").decode()


async def test_download_unknown_campaign(client: httpx.AsyncClient):
    assert (await client.get(f"/api/v1/download/{unknown_id()}")).status_code == 404
