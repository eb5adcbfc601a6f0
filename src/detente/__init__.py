"""detente: political event data from raw news, and the ties between states."""

__version__ = "0.1.0"
