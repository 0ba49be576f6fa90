"""Photos are cut to their slot (never taller than 4:3) unless the advertiser asks to show them whole."""

import io
import re

import httpx
from PIL import Image

from tests.support.factories import UploadBuilder, jpeg


async def _photo_shapes(client: httpx.AsyncClient, cid: str, body: dict | None) -> list[tuple[int, int]]:
    r = (
        await client.post(f"/api/v1/generate/{cid}", json=body)
        if body
        else await client.post(f"/api/v1/generate/{cid}")
    )
    assert r.status_code == 201, r.text
    html = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html", "version": r.json()["version"]})).text
    shapes = []
    for src in re.findall(r'<img [^>]*src="http://testserver(/media/[^"]+)"', html)[1:]:  # the first is the logo
        with Image.open(io.BytesIO((await client.get(src)).content)) as im:
            shapes.append(im.size)
    return shapes


async def test_a_portrait_photo_is_cut_to_its_slot_unless_asked_to_show_it_whole(
    uploads: UploadBuilder, client: httpx.AsyncClient
):
    campaign = await uploads.create(heroes=[("portrait.jpg", jpeg(900, 1200), "image/jpeg")])
    cid = campaign["id"]
    assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200

    cut = await _photo_shapes(client, cid, None)
    assert len(cut) == 1 and cut[0][1] / cut[0][0] <= 0.76

    whole = await _photo_shapes(client, cid, {"whole_photos": True})
    assert len(whole) == 1 and abs(whole[0][1] / whole[0][0] - 1200 / 900) < 0.02  # the portrait, uncut
