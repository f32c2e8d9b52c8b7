from django.apps import AppConfig


class WebConfig(AppConfig):
    """Holds the shared templates and static files; no models."""

    name = "kindvoice.web"
    label = "web"
