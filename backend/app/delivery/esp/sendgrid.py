"""SendGrid dynamic templates (https://www.twilio.com/docs/sendgrid/api-reference/transactional-templates).

POST /v3/templates {"name", "generation": "dynamic"} creates the template ("id": "d-…"); its content is a
version: POST /v3/templates/{template_id}/versions {"name", "subject", "html_content", "plain_content",
"active": 1, "editor": "code"}. The next push reads the template (GET /v3/templates/{template_id}) and
updates its active version in place (PATCH /v3/templates/{template_id}/versions/{version_id}), so neither
templates nor versions pile up. Authentication: "Authorization: Bearer <API key>".
"""

from typing import Any

from app.delivery.esp.base import EspHttp, Pushed, Template


class SendGrid:
    name = "SendGrid"

    def __init__(self, api_base: str, api_key: str):
        self.base = api_base.rstrip("/")
        self.api_key = api_key

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    @staticmethod
    def _version(t: Template) -> dict[str, Any]:
        return {
            "name": t.name[:100],
            "subject": t.subject,
            "html_content": t.html,
            "plain_content": t.text,
            "active": 1,
            "editor": "code",
        }

    @staticmethod
    def _pushed(template_id: str) -> Pushed:
        return Pushed(template_id, f"https://mc.sendgrid.com/dynamic-templates/{template_id}")

    async def create(self, http: EspHttp, template: Template) -> Pushed:
        created = await http.call(
            "POST", f"{self.base}/v3/templates", {"name": template.name[:100], "generation": "dynamic"}
        )
        template_id = str(created["id"])
        await http.call("POST", f"{self.base}/v3/templates/{template_id}/versions", self._version(template))
        return self._pushed(template_id)

    async def update(self, http: EspHttp, remote_id: str, template: Template) -> Pushed:
        current = await http.call("GET", f"{self.base}/v3/templates/{remote_id}")
        versions = [v for v in current.get("versions") or [] if isinstance(v, dict)]
        active = next((v for v in versions if v.get("active") == 1), versions[0] if versions else None)
        if active is None:
            await http.call("POST", f"{self.base}/v3/templates/{remote_id}/versions", self._version(template))
        else:
            url = f"{self.base}/v3/templates/{remote_id}/versions/{active['id']}"
            await http.call("PATCH", url, self._version(template))
        return self._pushed(remote_id)
