"""One type for a business refusal: a state change the rules do not allow.

A service raises `Refused(code, message)`; `code` is a short stable word for tests and
logs, `message` a translated sentence for the person (lazy, so that each reader gets it
in his or her language). Views show a refusal one way (see `show_refusal`); a refusal is
not an error and never carries clinical content.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


class Refused(Exception):
    def __init__(self, code: str, message) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"Refused({self.code!r})"


def show_refusal(request: HttpRequest, refused: Refused, *, form=None, field: str | None = None):
    """Show `refused` to the person: on the form that is shown again (as an error of
    `field`, or of the whole form), else as an error message on the next page. Either
    way the words are the refusal's own, so that the same refusal reads the same on
    every page."""
    if form is not None:
        form.add_error(field, ValidationError(refused.message, code=refused.code))
    else:
        messages.error(request, refused.message)
