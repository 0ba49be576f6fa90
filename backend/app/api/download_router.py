"""HTTP endpoint for downloading the approved email: the package (downloads) or another format (delivery)."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response, StreamingResponse

from app.campaigns.deps import CampaignForRead
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import NotFound, WrongStep, error_responses
from app.delivery.downloads import DownloadFormat, other_download
from app.downloads.packaging import PackagePending
from app.downloads.service import open_package, package_filename, ready_package
from app.downloads.targets import EspTarget
from app.storage.deps import StorageDep

router = APIRouter(tags=["pipeline"])


@router.get(
    "/download/{campaign_id}",
    summary="The approved email as a ZIP (HTML, images, plain text, details)",
    response_class=StreamingResponse,
    responses={
        **error_responses(NotFound, WrongStep, PackagePending),
        200: {
            "content": {"application/zip": {}, "message/rfc822": {}},
            "description": "The ZIP (or, with format=eml, one e-mail message), as an attachment",
        },
    },
)
async def download(
    campaign: CampaignForRead,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    version: Annotated[
        int | None, Query(ge=1, le=1_000_000, description="An approved proof version; default the latest approved")
    ] = None,
    format: Annotated[DownloadFormat, Query(description="zip: the package; eml: one RFC 5322 message")] = (
        DownloadFormat.zip
    ),
    esp: Annotated[
        EspTarget, Query(description="That email service's unsubscribe and view-in-browser tags; generic: placeholders")
    ] = EspTarget.generic,
) -> Response:
    proof, key = await ready_package(session, storage, settings, campaign, version)
    other = await other_download(storage, settings, campaign, proof, key, format, esp)
    if other is not None:
        return other
    filename = package_filename(campaign, proof)
    return StreamingResponse(
        await open_package(storage, key),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
