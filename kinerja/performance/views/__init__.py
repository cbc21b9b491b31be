"""Web pages of the SAKIP cycle, split by feature (thin views: permission, form, service, render)."""
