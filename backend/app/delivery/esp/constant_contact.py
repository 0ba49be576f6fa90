"""Constant Contact V3, custom code email campaigns (https://developer.constantcontact.com/api_guide/email_campaign_create.html).

POST /emails {"name", "email_campaign_activities": [{"format_type": 5, "from_name", "from_email",
"reply_to_email", "subject", "preheader", "html_content"}]} creates the campaign (format 5: custom code) and
answers "campaign_id" with its "campaign_activities"; the next push reads the campaign (GET /emails/{id})
and replaces its primary_email activity (PUT /emails/activities/{campaign_activity_id},
https://developer.constantcontact.com/api_guide/email_campaign_activity_update.html). Authentication: an
OAuth2 access token, "Authorization: Bearer <token>". "from_email" must be an address the account has verified.
"""

from typing import Any

from app.delivery.esp.base import EspError, EspHttp, Pushed, Template


class ConstantContact:
    name = "Constant Contact"

    def __init__(self, api_base: str, api_key: str):
        self.base = api_base.rstrip("/")
        self.api_key = api_key

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    @staticmethod
    def _activity(t: Template) -> dict[str, Any]:
        return {
            "format_type": 5,
            "from_name": t.from_name[:100],
            "from_email": t.from_email,
            "reply_to_email": t.from_email,
            "subject": t.subject,
            "preheader": t.preheader[:250],
            "html_content": t.html,
        }

    @staticmethod
    def _pushed(campaign_id: str) -> Pushed:
        return Pushed(campaign_id, f"https://app.constantcontact.com/pages/ace/v1#/{campaign_id}")

    async def create(self, http: EspHttp, template: Template) -> Pushed:
        body = {"name": template.name[:80], "email_campaign_activities": [self._activity(template)]}
        created = await http.call("POST", f"{self.base}/emails", body)
        return self._pushed(str(created["campaign_id"]))

    async def update(self, http: EspHttp, remote_id: str, template: Template) -> Pushed:
        campaign = await http.call("GET", f"{self.base}/emails/{remote_id}")
        activities = [a for a in campaign.get("campaign_activities") or [] if isinstance(a, dict)]
        primary = next((a for a in activities if a.get("role") == "primary_email"), None)
        if primary is None:
            raise EspError("not_found", "Constant Contact has no email in that campaign.")
        activity_id = primary["campaign_activity_id"]
        body = {"campaign_activity_id": activity_id, **self._activity(template)}
        await http.call("PUT", f"{self.base}/emails/activities/{activity_id}", body)
        return self._pushed(remote_id)
