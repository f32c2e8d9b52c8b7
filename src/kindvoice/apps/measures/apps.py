from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "kindvoice.apps.measures"
    label = "measures"
    verbose_name = "Measures"
