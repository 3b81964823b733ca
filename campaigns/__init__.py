"""The publicity team: campaigns, traceable printed material, newsletter, events, alerts.

One module per part: models/<part>.py, <part> views and forms, templates/campaigns/.
The app may use the social map (directory) and core; directory never imports it.
"""
