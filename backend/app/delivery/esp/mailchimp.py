"""Mailchimp Marketing API, Templates (https://mailchimp.com/developer/marketing/api/templates/).

POST /templates {"name", "html"} creates a template ("name" at most 50 characters) and answers its numeric
"id"; PATCH /templates/{template_id} with the same fields updates it. Authentication is HTTP Basic with any
user name and the API key as the password; the key ends with the account's data centre ("…-us21"), which is
also the API's host (https://<dc>.api.mailchimp.com/3.0).
"""

import base64
import re

from app.delivery.esp.base import EspError, EspHttp, Pushed, Template

_DC = re.compile(r"-([a-z]{2,4}[0-9]{1,3})$")


def data_centre(api_key: str) -> str:
    match = _DC.search(api_key.strip())
    if not match:
        raise EspError(
            "unauthorized", "A Mailchimp API key ends with its data centre, like …-us21; paste the whole key."
        )
    return match.group(1)


class Mailchimp:
    name = "Mailchimp"

    def __init__(self, api_base: str, api_key: str):
        self.dc = data_centre(api_key)
        self.base = api_base.replace("{dc}", self.dc).rstrip("/")
        self.api_key = api_key

    def headers(self) -> dict[str, str]:
        token = base64.b64encode(f"hibid:{self.api_key}".encode()).decode()
        return {"Authorization": f"Basic {token}"}

    def _body(self, t: Template) -> dict[str, str]:
        return {"name": t.name[:50], "html": t.html}

    def _pushed(self, answer: dict[str, object]) -> Pushed:
        remote_id = str(answer["id"])
        return Pushed(remote_id, f"https://{self.dc}.admin.mailchimp.com/templates/edit?id={remote_id}")

    async def create(self, http: EspHttp, template: Template) -> Pushed:
        return self._pushed(await http.call("POST", f"{self.base}/templates", self._body(template)))

    async def update(self, http: EspHttp, remote_id: str, template: Template) -> Pushed:
        return self._pushed(await http.call("PATCH", f"{self.base}/templates/{remote_id}", self._body(template)))
