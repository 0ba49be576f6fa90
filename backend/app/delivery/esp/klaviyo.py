"""Klaviyo Templates API (https://developers.klaviyo.com/en/reference/create_template).

POST /api/templates with a JSON:API document {"data": {"type": "template", "attributes": {"name",
"editor_type": "CODE", "html", "text"}}} creates a custom-HTML template and answers {"data": {"id"}};
PATCH /api/templates/{id} with {"data": {"type": "template", "id", "attributes": {...}}} updates it.
Headers: "Authorization: Klaviyo-API-Key <private key>", a "revision" date, JSON:API content type.
"""

from typing import Any

from app.delivery.esp.base import EspHttp, Pushed, Template

REVISION = "2024-10-15"
JSON_API = "application/vnd.api+json"


class Klaviyo:
    name = "Klaviyo"

    def __init__(self, api_base: str, api_key: str):
        self.base = api_base.rstrip("/")
        self.api_key = api_key

    def headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Klaviyo-API-Key {self.api_key}",
            "revision": REVISION,
            "Accept": JSON_API,
            "Content-Type": JSON_API,
        }

    @staticmethod
    def _attributes(t: Template) -> dict[str, Any]:
        return {"name": t.name, "html": t.html, "text": t.text}

    @staticmethod
    def _pushed(template_id: str) -> Pushed:
        return Pushed(template_id, f"https://www.klaviyo.com/email-editor/{template_id}/edit")

    async def create(self, http: EspHttp, template: Template) -> Pushed:
        body = {"data": {"type": "template", "attributes": {**self._attributes(template), "editor_type": "CODE"}}}
        created = await http.call("POST", f"{self.base}/api/templates", body)
        return self._pushed(str(created["data"]["id"]))

    async def update(self, http: EspHttp, remote_id: str, template: Template) -> Pushed:
        body = {"data": {"type": "template", "id": remote_id, "attributes": self._attributes(template)}}
        await http.call("PATCH", f"{self.base}/api/templates/{remote_id}", body)
        return self._pushed(remote_id)
