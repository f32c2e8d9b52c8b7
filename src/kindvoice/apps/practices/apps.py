from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "kindvoice.apps.practices"
    label = "practices"
    verbose_name = "Practices"
