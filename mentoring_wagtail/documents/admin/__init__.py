"""The documents' admin: viewsets, forms, panels and menus of official records."""
