"""The web dashboard and HTTP API: FastAPI app, pages, review, users.

``create_app(store)`` builds the app over an open store; ``serve(...)`` runs it with uvicorn.
"""

from .app import create_app
from .server import serve

__all__ = ["create_app", "serve"]
