from tests.base import BaseTestCase


class SecurityHeadersTestCase(BaseTestCase):
    def test_it_sends_the_security_headers(self):
        response = self.client.get("/account/sign-in/", secure=True)
        self.assertEqual(response.status_code, 200)
        csp = response["Content-Security-Policy"]
        self.assertIn("default-src 'self'", csp)
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertIn("max-age=", response["Strict-Transport-Security"])
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["X-Frame-Options"], "DENY")

    def test_it_forbids_caching_of_signed_in_pages(self):
        """Case-like pages (anything shown to a signed-in person) are never stored."""
        self.login(self.alice)
        for path in ("/", "/people/me/", "/people/me/access-log/", "/inbox/"):
            response = self.client.get(path)
            self.assertEqual(response.status_code, 200, path)
            self.assertIn("no-store", response["Cache-Control"], path)
