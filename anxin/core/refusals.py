"""One type for a business refusal: a state change the rules do not allow.

A service raises `Refused(code, message)`; `code` is a short stable word for tests and
logs, `message` a translated sentence for the person (lazy, so that each reader gets it
in his or her language). Views show a refusal one way (see `show_refusal`); a refusal is
not an error and never carries clinical content.
"""


class Refused(Exception):
    def __init__(self, code: str, message) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"Refused({self.code!r})"
