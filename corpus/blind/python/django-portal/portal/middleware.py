class ForwardedUserMiddleware:
    """Copies the Databricks Apps identity headers onto the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.databricks_token = request.headers.get("X-Forwarded-Access-Token")
        request.user_email = request.headers.get("X-Forwarded-Email", "")
        return self.get_response(request)
