from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "kindvoice.apps.journal"
    label = "journal"
    verbose_name = "Journal"
