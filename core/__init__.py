"""The bottom layer every app may use and that imports none of them (see DESIGN.md)."""
