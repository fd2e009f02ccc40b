"""The EAP zone: the programme's pages, news, questions and answers, printable materials."""

__all__: list[str] = []
