from typing import Annotated, Any, Iterator

from databricks import sql
from fastapi import Depends, Header, HTTPException, status

from config import settings

UserToken = Annotated[str | None, Header(alias="X-Forwarded-Access-Token")]


def require_user_token(token: UserToken = None) -> str:
    if not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "User authorization is not enabled")
    return token


CheckedToken = Annotated[str, Depends(require_user_token)]


def get_connection(token: CheckedToken) -> Iterator[Any]:
    conn = sql.connect(
        server_hostname=settings.host,
        http_path=settings.http_path,
        access_token=token,
    )
    try:
        yield conn
    finally:
        conn.close()


Connection = Annotated[Any, Depends(get_connection)]
