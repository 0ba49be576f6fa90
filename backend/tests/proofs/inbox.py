"""The outside tools the email suite asks: SpamAssassin (Debian, offline) on a full MIME message, doiuse-email
(npm, the caniemail.com data) per mail client."""

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

LINT_DIR = Path(__file__).parent / "email_lint"


def mime_message(html: str, text: str, subject: str, sender: str = "Smith & Sons Auctions") -> bytes:
    """The email as a recipient's server receives it: multipart/alternative with real-looking headers."""
    msg = EmailMessage()
    msg["From"] = f'"{sender}" <news@smithauctions.com>'
    msg["To"] = "Pat Bidder <pat.bidder@example.org>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    msg["Message-ID"] = make_msgid(domain="smithauctions.com")
    msg["Reply-To"] = "office@smithauctions.com"
    msg["List-Unsubscribe"] = "<https://smithauctions.com/unsubscribe?u=42>, <mailto:unsubscribe@smithauctions.com>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["MIME-Version"] = "1.0"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return bytes(msg)


def spamassassin_score(message: bytes) -> tuple[float, str]:
    """(score, report) from `spamassassin -L -t` (local tests only: no DNS, no network)."""
    exe = shutil.which("spamassassin")
    assert exe, "SpamAssassin is not installed (scripts/test.sh installs the Debian package)"
    out = subprocess.run([exe, "-L", "-t"], input=message, capture_output=True, timeout=120, check=False).stdout
    report = out.decode("utf-8", "replace")
    m = re.search(r"^X-Spam-Status: \w+, score=(-?[\d.]+)", report, re.MULTILINE)
    assert m, report[-2000:]
    return float(m.group(1)), report


def doiuse(html_pages: list[str], clients: list[str]) -> list[dict[str, list[str]]]:
    """doiuse-email's errors and warnings for each page, for the given clients (e.g. gmail.*, apple-mail.*)."""
    node = shutil.which("node")
    assert node, "node is required for doiuse-email (Debian: apt-get install nodejs npm)"
    if not (LINT_DIR / "node_modules" / "doiuse-email").is_dir():  # pinned by its lockfile, like mjml_reference
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LINT_DIR, check=True, timeout=600
        )
    request = json.dumps({"pages": html_pages, "clients": clients})
    done = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs")], input=request.encode(), capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)
