"""The approvals' admin: the sign-off screen, panels, dashboard, buttons and menus."""
