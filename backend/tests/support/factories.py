"""Images and uploads made in code, so every test input is explicit."""

import io
from typing import Any

import httpx
from PIL import Image, ImageDraw

SALE_TEXT = (
    "Join Smith & Sons Auctioneers for the Annual Winter Estate Auction on Saturday, December 12, 2026 "
    "at 10:00 AM CST. The sale will be held at the Grand Pavilion, Springfield, IL. Over 350 lots featuring "
    "antique furniture, sterling silver, a 1965 Ford Mustang and fine art. Preview Friday from 2 PM. "
    "Bid online or in person."
)


def png(width: int = 320, height: int = 120, *, alpha: bool = True, color: tuple[int, ...] = (20, 60, 120)) -> bytes:
    im = Image.new("RGBA" if alpha else "RGB", (width, height), (0, 0, 0, 0) if alpha else (255, 255, 255))
    ImageDraw.Draw(im).rectangle((8, 8, width - 8, height - 8), fill=(*color, 255) if alpha else color)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def jpeg(
    width: int = 1600,
    height: int = 1200,
    *,
    orientation: int | None = None,
    gps: bool = False,
    quality: int = 85,
    noise: bool = False,
) -> bytes:
    if noise:
        im = Image.merge("RGB", [Image.effect_noise((width, height), 40)] * 3)
    else:
        im = Image.linear_gradient("L").resize((width, height)).convert("RGB")
        ImageDraw.Draw(im).rectangle((0, 0, width // 4, height // 4), fill=(200, 30, 30))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x010F] = "PhoneMaker"
        exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 39.0)}
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, exif=exif.tobytes() if (orientation or gps) else b"")
    return buf.getvalue()


def gif(frames: int = 3, size: int = 64) -> bytes:
    images = [Image.new("RGB", (size, size), (i * 80 % 256, 40, 200 - i * 50)).convert("P") for i in range(frames)]
    buf = io.BytesIO()
    images[0].save(buf, "GIF", save_all=frames > 1, append_images=images[1:], duration=100, loop=0)
    return buf.getvalue()


def webp(width: int = 400, height: int = 300) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (10, 150, 90)).save(buf, "WEBP", quality=80)
    return buf.getvalue()


class UploadBuilder:
    """Posts /api/v1/upload with sensible defaults; any field can be overridden or dropped."""

    def __init__(self, client: httpx.AsyncClient):
        self.client = client

    async def post(
        self,
        *,
        logo: tuple[str, bytes, str] | None = ("logo.png", b"", "image/png"),
        heroes: list[tuple[str, bytes, str]] | None = None,
        **fields: Any,
    ) -> httpx.Response:
        data = {
            "campaign_name": "Annual Winter Estate Auction",
            "advertiser_name": "Smith & Sons Auctioneers",
            "text_content": SALE_TEXT,
            "cta_url": "https://www.hibid.com/catalog/123456",
            "tone": "professional",
        }
        data.update({k: v for k, v in fields.items() if v is not None})
        for k in [k for k, v in fields.items() if v is None]:
            data.pop(k, None)
        files: list[tuple[str, tuple[str, bytes, str]]] = []
        if logo is not None:
            files.append(("logo", (logo[0], logo[1] or png(), logo[2])))
        for hero in heroes if heroes is not None else [("hero.jpg", jpeg(), "image/jpeg")]:
            files.append(("hero_images", hero))
        return await self.client.post("/api/v1/upload", data=data, files=files)

    async def create(self, **kwargs: Any) -> dict[str, Any]:
        response = await self.post(**kwargs)
        assert response.status_code == 201, response.text
        return response.json()

    async def ready_for_review(self, **kwargs: Any) -> dict[str, Any]:
        """A campaign taken through process and generate."""
        campaign = await self.create(**kwargs)
        cid = campaign["id"]
        assert (await self.client.post(f"/api/v1/process/{cid}")).status_code == 200
        proof = await self.client.post(f"/api/v1/generate/{cid}")
        assert proof.status_code == 201, proof.text
        return {"id": cid, "proof": proof.json()}

    async def approved(self, **kwargs: Any) -> dict[str, Any]:
        campaign = await self.ready_for_review(**kwargs)
        r = await self.client.post(f"/api/v1/approve/{campaign['id']}", json={"decision": "approve"})
        assert r.status_code == 200, r.text
        return campaign
