import os

from aiohttp import ClientSession, web

API_ROOT = f"https://{os.environ.get('DATABRICKS_HOST', 'localhost')}/api/2.1"
TOKEN_HEADER = "X-Forwarded-Access-Token"


def auth_headers(request: web.Request) -> dict[str, str]:
    return {"Authorization": f"Bearer {request.headers.get(TOKEN_HEADER)}"}


async def get_json(path: str, headers: dict[str, str], **params) -> dict:
    async with ClientSession() as session:
        async with session.get(f"{API_ROOT}{path}", headers=headers, params=params) as resp:
            resp.raise_for_status()
            return await resp.json()


async def post_json(path: str, headers: dict[str, str], body: dict) -> dict:
    async with ClientSession() as session:
        async with session.post(f"{API_ROOT}{path}", headers=headers, json=body) as resp:
            resp.raise_for_status()
            return await resp.json()
