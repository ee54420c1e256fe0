"""The roadmaps' admin: import, download, the execution report and the menu item."""
