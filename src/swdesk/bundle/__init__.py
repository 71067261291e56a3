"""swdesk.bundle"""
