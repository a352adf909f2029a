"""Reception: the daily roster (排班) and the walk-in rotation (轮接)."""
