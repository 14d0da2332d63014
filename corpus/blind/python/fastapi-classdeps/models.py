from pydantic import BaseModel


class ForwardedHeaders(BaseModel):
    """Identity headers injected by the Databricks Apps proxy."""

    x_forwarded_access_token: str | None = None
    x_forwarded_email: str | None = None
    x_forwarded_preferred_username: str | None = None


class TableInfo(BaseModel):
    name: str
    owner: str | None = None
