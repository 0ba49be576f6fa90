"""One loopback HTTP server that answers like the four email services' template APIs.

It checks what each service documents: method and path, the auth header with the right key, the body's
shape (a missing field is that service's 400). It keeps the templates, so a test can see that a second
push updated the first one instead of adding another. `fail_next` makes the next call answer an error.
"""

import base64
import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAILCHIMP_KEY = "0123456789abcdef0123456789abcdef-us21"
SENDGRID_KEY = "SG.test-sendgrid-key.0123456789abcdefghijklmnopqrstuvwxyz"
KLAVIYO_KEY = "pk_test_klaviyo_0123456789abcdefghij"
CONSTANT_CONTACT_KEY = "cc-access-token-0123456789abcdefghij"
KEYS = {
    "mailchimp": MAILCHIMP_KEY,
    "sendgrid": SENDGRID_KEY,
    "klaviyo": KLAVIYO_KEY,
    "constant_contact": CONSTANT_CONTACT_KEY,
}


@dataclass
class Call:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class FakeEsp:
    calls: list[Call] = field(default_factory=list)
    templates: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {p: {} for p in KEYS})
    failures: dict[str, tuple[int, dict[str, str]]] = field(default_factory=dict)
    ids: itertools.count = field(default_factory=lambda: itertools.count(1001))
    port: int = 0

    def reset(self) -> None:
        """Forget every call, template and planned failure: the next test meets an empty service."""
        self.calls.clear()
        self.failures.clear()
        for stored in self.templates.values():
            stored.clear()

    def fail_next(self, provider: str, status: int, headers: dict[str, str] | None = None) -> None:
        self.failures[provider] = (status, headers or {})

    def base(self, provider: str) -> str:
        return f"http://127.0.0.1:{self.port}/{provider}"

    def calls_to(self, provider: str) -> list[Call]:
        return [c for c in self.calls if c.path.startswith(f"/{provider}/")]


def _authorised(provider: str, headers: dict[str, str]) -> bool:
    auth = headers.get("authorization", "")
    key = KEYS[provider]
    if provider == "mailchimp":
        if not auth.startswith("Basic "):
            return False
        return base64.b64decode(auth[6:]).decode().split(":", 1)[1] == key
    if provider == "klaviyo":
        return auth == f"Klaviyo-API-Key {key}" and bool(headers.get("revision"))
    return auth == f"Bearer {key}"


def _missing(body: Any, *names: str) -> list[str]:
    return [n for n in names if not isinstance(body, dict) or body.get(n) in (None, "")]


def _route(esp: FakeEsp, provider: str, method: str, rest: list[str], body: Any) -> tuple[int, Any]:
    store = esp.templates[provider]
    new_id = str(next(esp.ids))
    if provider == "mailchimp":  # /{dc}/3.0/templates[/id]
        assert rest[:2] == ["us21", "3.0"], rest
        rest = rest[2:]
        if method == "POST" and rest == ["templates"]:
            if _missing(body, "name", "html") or len(body["name"]) > 50:
                return 400, {"title": "Invalid Resource", "status": 400, "detail": "name and html are required"}
            store[new_id] = body
            return 200, {"id": int(new_id), "name": body["name"]}
        if method == "PATCH" and len(rest) == 2 and rest[0] == "templates":
            if rest[1] not in store:
                return 404, {"title": "Resource Not Found", "status": 404, "detail": "no such template"}
            store[rest[1]] = body
            return 200, {"id": int(rest[1])}
    if provider == "sendgrid":  # /v3/templates[/id[/versions[/vid]]]
        assert rest[:2] == ["v3", "templates"], rest
        rest = rest[2:]
        if method == "POST" and rest == []:
            if _missing(body, "name") or body.get("generation") != "dynamic":
                return 400, {"errors": [{"field": "generation", "message": "generation must be dynamic"}]}
            store[f"d-{new_id}"] = {"name": body["name"], "versions": {}}
            return 201, {"id": f"d-{new_id}", "name": body["name"], "generation": "dynamic"}
        if rest and rest[0] not in store:
            return 404, {"errors": [{"message": "template not found"}]}
        if method == "GET" and len(rest) == 1:
            versions = [{"id": vid, **v} for vid, v in store[rest[0]]["versions"].items()]
            return 200, {"id": rest[0], "versions": versions}
        if rest[1:2] == ["versions"]:
            if _missing(body, "name", "subject", "html_content", "plain_content"):
                return 400, {"errors": [{"field": "html_content", "message": "html_content is required"}]}
            versions = store[rest[0]]["versions"]
            if method == "POST" and len(rest) == 2:
                versions[new_id] = body
                return 201, {"id": new_id, **body}
            if method == "PATCH" and len(rest) == 3 and rest[2] in versions:
                versions[rest[2]] = body
                return 200, {"id": rest[2], **body}
    if provider == "klaviyo":  # /api/templates[/id]
        assert rest[:2] == ["api", "templates"], rest
        data = body.get("data") if isinstance(body, dict) else None
        attributes = data.get("attributes") if isinstance(data, dict) else None
        if not isinstance(data, dict) or data.get("type") != "template" or not isinstance(attributes, dict):
            return 400, {"errors": [{"detail": "data.type must be template", "title": "Invalid input."}]}
        if method == "POST" and len(rest) == 2:
            if attributes.get("editor_type") != "CODE" or _missing(attributes, "name", "html"):
                return 400, {"errors": [{"detail": "editor_type, name and html are required"}]}
            store[new_id] = attributes
            return 201, {"data": {"type": "template", "id": new_id, "attributes": attributes}}
        if method == "PATCH" and len(rest) == 3:
            if rest[2] not in store or data.get("id") != rest[2]:
                return 404, {"errors": [{"detail": "not found"}]}
            store[rest[2]] = attributes
            return 200, {"data": {"type": "template", "id": rest[2]}}
    if provider == "constant_contact":  # /v3/emails[/id] | /v3/emails/activities/id
        assert rest[:2] == ["v3", "emails"], rest
        rest = rest[2:]
        required = ("format_type", "from_name", "from_email", "reply_to_email", "subject", "html_content")
        if method == "POST" and rest == []:
            activities = body.get("email_campaign_activities") if isinstance(body, dict) else None
            if _missing(body, "name") or not activities or _missing(activities[0], *required):
                return 400, [{"error_key": "emails.api.bad.request", "error_message": "a required field is missing"}]
            if activities[0]["format_type"] != 5 or "[[trackingImage]]" not in activities[0]["html_content"]:
                return 400, [{"error_key": "emails.api.bad.request", "error_message": "custom code needs format 5"}]
            activity_id = f"act-{new_id}"
            store[new_id] = {"name": body["name"], "activity_id": activity_id, "activity": activities[0]}
            return 201, {"campaign_id": new_id, "campaign_activities": [
                {"campaign_activity_id": activity_id, "role": "primary_email"}]}  # fmt: skip
        if method == "GET" and len(rest) == 1:
            if rest[0] not in store:
                return 404, [{"error_key": "not.found", "error_message": "no such campaign"}]
            entry = store[rest[0]]
            return 200, {"campaign_id": rest[0], "campaign_activities": [
                {"campaign_activity_id": entry["activity_id"], "role": "primary_email"}]}  # fmt: skip
        if method == "PUT" and len(rest) == 2 and rest[0] == "activities":
            campaign = next((c for c in store.values() if c["activity_id"] == rest[1]), None)
            if campaign is None:
                return 404, [{"error_key": "not.found", "error_message": "no such activity"}]
            if _missing(body, *required):
                return 400, [{"error_key": "emails.api.bad.request", "error_message": "a required field is missing"}]
            campaign["activity"] = body
            return 200, body
    return 405, {"detail": f"unexpected {method} {'/'.join(rest)}"}


def start_fake_esp() -> tuple[ThreadingHTTPServer, FakeEsp]:
    esp = FakeEsp()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            headers = {k.lower(): v for k, v in self.headers.items()}
            parts = [p for p in self.path.split("?")[0].split("/") if p]
            provider = parts[0] if parts else ""
            esp.calls.append(Call(self.command, self.path, headers, body))
            if provider not in KEYS:
                status, answer, extra = 404, {"detail": "unknown"}, {}
            elif not _authorised(provider, headers):
                status, answer, extra = (
                    401,
                    {"errors": [{"message": "The provided authorization grant is invalid"}]},
                    {},
                )
            elif provider in esp.failures:
                status, extra = esp.failures.pop(provider)
                answer = {"errors": [{"message": f"forced {status}"}]}
            else:
                status, answer = _route(esp, provider, self.command, parts[1:], body)
                extra = {}
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in extra.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve  # noqa: N815

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    esp.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, esp
