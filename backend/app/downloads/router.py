"""HTTP endpoint for downloading the approved email."""

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.core.deps import CampaignForRead, SessionDep, StorageDep
from app.core.errors import NotFound, WrongStep, error_responses
from app.downloads.service import approved_package, open_package, package_filename

router = APIRouter(tags=["pipeline"])


@router.get(
    "/download/{campaign_id}",
    summary="The approved email as a ZIP (HTML, images, plain text, details)",
    response_class=StreamingResponse,
    responses={
        **error_responses(NotFound, WrongStep),
        200: {"content": {"application/zip": {}}, "description": "The ZIP, as an attachment"},
    },
)
async def download(campaign: CampaignForRead, session: SessionDep, storage: StorageDep) -> StreamingResponse:
    proof, key = await approved_package(session, campaign)
    filename = package_filename(campaign, proof)
    return StreamingResponse(
        await open_package(storage, key),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
