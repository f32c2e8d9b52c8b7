from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "kindvoice.apps.care"
    label = "care"
    verbose_name = "Care (therapist and client)"
