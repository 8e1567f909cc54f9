"""The desktop app: a thin PySide6 layer that runs the engine off the event loop and shows its result."""
