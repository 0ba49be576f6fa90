"""HTTP endpoints for rendering and previewing proofs."""

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Query, Response, status
from fastapi.responses import HTMLResponse

from app.campaigns.deps import CampaignForRead, CampaignForUpdate
from app.copywriting.queries import copy_version
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import NotFound, WrongStep, error_responses
from app.proofs.layouts import LayoutName
from app.proofs.pictures import PicturePending
from app.proofs.presenters import present_proof
from app.proofs.render import EMAIL_CSP
from app.proofs.schemas import GenerateOptions, Preview, ProofVersionPublic
from app.proofs.screenshots import ProofRenderer, RendererUnavailable, get_proof_renderer
from app.proofs.service import picture_proof, proof_for_preview, render_proof
from app.storage.deps import StorageDep

router = APIRouter(tags=["pipeline"])


@router.post(
    "/generate/{campaign_id}",
    status_code=status.HTTP_201_CREATED,
    summary="Render a new proof version of the latest copy",
    response_model=ProofVersionPublic,
    responses=error_responses(NotFound, WrongStep),
)
async def generate(
    campaign: CampaignForUpdate,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    layout: Annotated[
        LayoutName | None,
        Query(description="single (one large photo) or gallery (2–3 photos); default: by the number of photos"),
    ] = None,
    options: Annotated[GenerateOptions | None, Body()] = None,
) -> ProofVersionPublic:
    """MJML → HTML in the advertiser's colours, a plain-text part and warnings with a severity."""
    chosen = layout or (options.layout if options else None)
    whole = bool(options and options.whole_photos)
    proof = await render_proof(session, storage, settings, campaign, chosen, whole_photos=whole)
    return present_proof(proof, settings.public_base_url)


@router.get(
    "/preview/{campaign_id}",
    summary="The latest proof (rendered first when there is none); ?format=html the email, ?format=png a picture",
    response_model=Preview,
    responses={
        **error_responses(NotFound, WrongStep, RendererUnavailable, PicturePending),
        200: {
            "content": {"text/html": {}, "image/png": {}},
            "description": "Preview JSON; the email itself with format=html; a screenshot with format=png",
        },
    },
)
async def preview(
    campaign: CampaignForRead,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    renderer: Annotated[ProofRenderer, Depends(get_proof_renderer)],
    format: Annotated[Literal["json", "html", "png"], Query(description="json (default), html or png")] = "json",
    version: Annotated[int | None, Query(ge=1, le=1_000_000, description="A proof version; default the latest")] = None,
    device: Annotated[Literal["desktop", "mobile"], Query(description="png only: screen size")] = "desktop",
    theme: Annotated[Literal["light", "dark"], Query(description="png only: the reader's colour scheme")] = "light",
) -> Response | Preview:
    proof = await proof_for_preview(session, storage, settings, campaign, version)
    if format == "png":
        image = await picture_proof(storage, settings, renderer, proof, device, theme)
        return Response(image, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})
    if format == "html":
        html = await storage.get(proof.html_key)
        return HTMLResponse(
            html,
            headers={"Content-Security-Policy": EMAIL_CSP, "Cache-Control": "private, max-age=60"},
        )
    copy = await copy_version(session, campaign.id, proof.copy_version)
    public = present_proof(proof, settings.public_base_url)
    return Preview(
        campaign_id=campaign.id,
        status=campaign.status,
        proof_version=proof.version,
        copy_version=proof.copy_version,
        subject_lines=copy.subject_lines if copy else [],
        primary_subject_index=copy.primary_subject_index if copy else 0,
        preheader=copy.preheader if copy else "",
        html_url=public.html_url,
        plain_text=proof.plain_text,
        size_bytes=proof.html_bytes,
        warnings=public.warnings,
        created_at=proof.created_at,
    )
