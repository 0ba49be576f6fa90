"""The signed-in user, as a dependency: every API route but the account endpoints requires one."""

from typing import Annotated

from fastapi import Depends

from app.auth.models import User
from app.auth.service import user_for_token
from app.core.deps import SessionDep, SettingsDep
from app.core.log_context import bind_user
from app.core.security import oauth2_scheme


async def get_current_user(
    token: Annotated[str | None, Depends(oauth2_scheme)], session: SessionDep, settings: SettingsDep
) -> User:
    """The signed-in user; 401 `not_authenticated` for a missing, forged or expired token."""
    user = await user_for_token(session, settings, token)
    bind_user(user.id)  # log lines and error reports of this request carry the user id
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
