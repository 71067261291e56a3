"""swdesk.media"""
