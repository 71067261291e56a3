"""swdesk.pdf"""
