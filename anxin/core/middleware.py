from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """Nothing shown to a signed-in person is kept by a browser or a proxy cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
