"""Proof versions as the API shows them."""

from app.core.schemas import warning_items
from app.proofs.models import ProofVersion
from app.proofs.schemas import ProofVersionPublic


def present_proof(proof: ProofVersion, base_url: str) -> ProofVersionPublic:
    return ProofVersionPublic(
        version=proof.version,
        copy_version=proof.copy_version,
        html_url=f"{base_url}/api/v1/preview/{proof.campaign_id}?format=html&version={proof.version}",
        text=proof.plain_text,
        size_bytes=proof.html_bytes,
        warnings=warning_items(proof.warnings),
        created_at=proof.created_at,
    )
