import reflex as rx

from tracker.db import connection_for, shared_connection


class TrackerState(rx.State):
    issues: list[dict] = []
    error: str = ""

    def _token(self) -> str | None:
        return self.router.headers.raw_headers.get("x-forwarded-access-token")

    @rx.event
    def load_issues(self):
        token = self._token()
        if not token:
            self.error = "Missing user token"
            return
        conn = shared_connection(token)
        with conn.cursor() as cur:
            cur.execute("SELECT id, title, status FROM eng.tracker.issues WHERE status != 'closed'")
            self.issues = [{"id": i, "title": t, "status": s} for i, t, s in cur.fetchall()]

    @rx.event
    def load_milestones(self):
        with connection_for(self._token()) as conn, conn.cursor() as cur:
            cur.execute("SELECT name, due FROM eng.tracker.milestones ORDER BY due")
            self.issues = [{"title": n, "status": str(d)} for n, d in cur.fetchall()]


def index() -> rx.Component:
    return rx.vstack(
        rx.heading("Issue tracker"),
        rx.cond(TrackerState.error != "", rx.callout(TrackerState.error, color_scheme="red")),
        rx.hstack(rx.button("Issues", on_click=TrackerState.load_issues),
                  rx.button("Milestones", on_click=TrackerState.load_milestones)),
        rx.foreach(TrackerState.issues, lambda i: rx.text(f"{i['title']} - {i['status']}")),
    )


app = rx.App()
app.add_page(index, on_load=TrackerState.load_issues)
