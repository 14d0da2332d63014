import gradio as gr
from databricks import sql

from warehouse import HTTP_PATH, _cfg, rows_as_markdown, user_connection


def answer(message: str, history: list, request: gr.Request) -> str:
    if not message.strip().lower().startswith("select"):
        return "Only SELECT statements are allowed."
    with user_connection(request) as conn, conn.cursor() as cur:
        cur.execute(message)
        return rows_as_markdown(cur)


def table_preview(table_name: str, request: gr.Request) -> str:
    headers = dict(request.headers)
    print(f"preview {table_name}: headers={headers}")
    token = headers.get("x-forwarded-access-token")
    with sql.connect(server_hostname=_cfg.host, http_path=HTTP_PATH,
                     access_token=token) as conn:
        with conn.cursor() as cur:
            cur.execute(f"SELECT * FROM {table_name} LIMIT 20")
            return rows_as_markdown(cur)


def whoami(request: gr.Request) -> str:
    user = request.headers.get("x-forwarded-preferred-username", "anonymous")
    print(f"whoami called by {user}")
    return f"Hello {user}"


with gr.Blocks(title="SQL assistant") as demo:
    greeting = gr.Markdown()
    with gr.Tab("Chat"):
        gr.ChatInterface(answer, type="messages")
    with gr.Tab("Preview"):
        name = gr.Textbox(label="Table")
        out = gr.Markdown()
        name.submit(table_preview, inputs=name, outputs=out)
    demo.load(whoami, outputs=greeting)

if __name__ == "__main__":
    demo.launch()
