from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "kindvoice.apps.care"
    label = "care"
    verbose_name = "Care (therapist and client)"

    def ready(self) -> None:
        from kindvoice.apps.care import signals  # noqa: F401  (connects the safety alerts)
