"""Everything that speaks Bot Framework: the activity handler, the adapter and the Messenger.

botbuilder is imported here and in the composition root only, so moving to the Microsoft 365
Agents SDK touches this one folder.
"""
