"""Copy versions as the API shows them."""

from app.copywriting.models import CopyVersion
from app.copywriting.schemas import CopyVersionPublic


def present_copy(copy: CopyVersion) -> CopyVersionPublic:
    # Same field names as the row; highlights and warnings are validated from their stored dicts.
    return CopyVersionPublic.model_validate(copy, from_attributes=True)
