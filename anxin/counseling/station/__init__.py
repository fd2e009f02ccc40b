"""The e-mail station (電子郵件抒壓站) and the hotline log."""
